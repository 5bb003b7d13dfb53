using System.Text.Json;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>What <c>status</c> and <c>report</c> take from a journal's stored settings, read leniently.</summary>
public static class RecordedSettings
{
    /// <summary>The run's settings; null when the run is not recorded or its settings cannot be read.</summary>
    public static RunSettings? TryRead(RunInfo? run)
    {
        if (run is null)
        {
            return null;
        }

        try
        {
            return RunSettings.FromJson(run.SettingsJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The keys every tile of the run holds: <c>s1_vv</c>, <c>s1_vh</c> and the key of each band of <c>--bands</c>; the six
    /// keys of the default tile when the settings (or their band list) cannot be read.
    /// </summary>
    public static IReadOnlyList<string> TileKeys(RunInfo? run)
    {
        try
        {
            if (TryRead(run) is { } settings)
            {
                return Tiles.TileKeys.For(settings.SelectedBands);
            }
        }
        catch (AxionException)
        {
            // A band list this version does not know: the default keys.
        }

        return Tiles.TileWriter.BandKeys;
    }
}
