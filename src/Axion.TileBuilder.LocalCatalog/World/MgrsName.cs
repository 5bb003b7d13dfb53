using System.Globalization;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>The MGRS 100 km square name (e.g. <c>31UFU</c>) of a UTM position (AA lettering scheme, WGS 84).</summary>
internal static class MgrsName
{
    private const string BandLetters = "CDEFGHJKLMNPQRSTUVWX";
    private const string RowLetters = "ABCDEFGHJKLMNPQRSTUV";

    public static string For(int zone, double latitude, double easting, double northingWithFalseNorthing)
    {
        var band = BandLetters[Math.Clamp((int)Math.Floor((latitude + 80) / 8), 0, BandLetters.Length - 1)];
        var columnSet = (zone % 3) switch
        {
            1 => "ABCDEFGH",
            2 => "JKLMNPQR",
            _ => "STUVWXYZ",
        };
        var column = columnSet[Math.Clamp((int)Math.Floor(easting / 100000) - 1, 0, 7)];
        var rowIndex = (int)Math.Floor(northingWithFalseNorthing / 100000) % 20;
        if (zone % 2 == 0)
        {
            rowIndex = (rowIndex + 5) % 20;
        }

        var row = RowLetters[rowIndex];
        return string.Create(CultureInfo.InvariantCulture, $"{zone:00}{band}{column}{row}");
    }
}
