namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>A composed quicklook: three planar 8-bit channels, row-major, <see cref="Width"/> x <see cref="Height"/>.</summary>
public sealed class QuicklookImage
{
    internal QuicklookImage(int width, int height)
    {
        Width = width;
        Height = height;
        Red = new byte[width * height];
        Green = new byte[width * height];
        Blue = new byte[width * height];
    }

    /// <summary>Width in pixels (both panels and the gap between them).</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Red channel.</summary>
    public byte[] Red { get; }

    /// <summary>Green channel.</summary>
    public byte[] Green { get; }

    /// <summary>Blue channel.</summary>
    public byte[] Blue { get; }

    /// <summary>Width of each panel (left: Sentinel-2, right: Sentinel-1) in pixels.</summary>
    public int PanelWidth { get; internal init; }

    /// <summary>Column where the right (Sentinel-1) panel starts.</summary>
    public int RightPanelX { get; internal init; }

    /// <summary>AOI pixels per quicklook pixel along each axis (box-averaged); 1 = full resolution.</summary>
    public int Downscale { get; internal init; }

    /// <summary>The colour at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Rgb this[int x, int y]
    {
        get
        {
            var i = Index(x, y);
            return new Rgb(Red[i], Green[i], Blue[i]);
        }
    }

    internal void Set(int x, int y, Rgb colour)
    {
        var i = Index(x, y);
        Red[i] = colour.R;
        Green[i] = colour.G;
        Blue[i] = colour.B;
    }

    private int Index(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"pixel ({x}, {y}) is outside the {Width} x {Height} quicklook");
        }

        return (y * Width) + x;
    }
}
