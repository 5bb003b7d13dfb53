using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// What names a row's files in an output folder can have, known without listing the folder: its id and the size of
/// its tile grid (the row's <c>tiles</c> value, else the batch's <c>--tiles</c>, as <c>AoiGridPlanner.Plan</c> decides).
/// </summary>
/// <param name="OutDir">The output folder.</param>
/// <param name="RowId">The row's id.</param>
/// <param name="TilesX">Tiles across in the row's grid (1..16).</param>
/// <param name="TilesY">Tiles down in the row's grid (1..16).</param>
/// <param name="Timesteps">The batch's <c>--timesteps</c>: tiles and quicklooks per timestep when above 1.</param>
public sealed record RowFiles(string OutDir, string RowId, int TilesX, int TilesY, int Timesteps = 1)
{
    /// <summary>The files of <paramref name="row"/> in <paramref name="outDir"/> under a batch with <paramref name="settings"/>.</summary>
    public static RowFiles Of(string outDir, LocationRow row, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        return new RowFiles(outDir, row.Id, row.TilesX ?? settings.TilesX, row.TilesY ?? settings.TilesY, settings.TimestepCount);
    }

    /// <summary>
    /// Every name, relative to the output with <c>/</c>, the row can have written: each tile of its grid
    /// and timestep (<see cref="TileNames.NamesOf"/>) with its GeoTIFF copy, and its quicklooks.
    /// </summary>
    public IEnumerable<string> PossibleNames() =>
        TileNames.NamesOf(RowId, TilesX, TilesY, Timesteps)
            .SelectMany(name => new[] { name, TileNames.GeoTiffCopyOf(name) })
            .Concat(QuicklookFiles.FileNames(RowId, Timesteps));
}
