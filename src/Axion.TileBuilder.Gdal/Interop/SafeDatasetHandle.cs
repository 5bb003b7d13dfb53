using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>
/// An open <c>GDALDatasetH</c>, closed with <c>GDALClose</c>. It can hold references to other dataset
/// handles it depends on (the sources of a warped or translated VRT): those are released only after
/// this one is closed, so a source is never closed under a dataset that reads from it.
/// </summary>
internal sealed class SafeDatasetHandle : SafeHandle
{
    private readonly List<SafeHandle> _dependencies = [];

    public SafeDatasetHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Keeps <paramref name="dependency"/> open until this handle is released.</summary>
    public void AddDependency(SafeHandle dependency)
    {
        var added = false;
        dependency.DangerousAddRef(ref added);
        if (added)
        {
            lock (_dependencies)
            {
                _dependencies.Add(dependency);
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        Native.GDALClose(handle);
        lock (_dependencies)
        {
            foreach (var dependency in _dependencies)
            {
                dependency.DangerousRelease();
            }

            _dependencies.Clear();
        }

        return true;
    }
}
