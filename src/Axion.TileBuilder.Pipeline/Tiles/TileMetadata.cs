using System.Globalization;
using System.Text.Json.Nodes;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>The metadata of a tile: the index record and the <c>meta</c> JSON string embedded in the file.</summary>
public static class TileMetadata
{
    /// <summary>Version of the meta JSON layout.</summary>
    public const int SchemaVersion = 1;

    public static TileRecord Record(TileContext context, int tileRow, int tileCol, double validFraction)
    {
        var grid = context.Grid;
        var b = grid.TileBounds(tileRow, tileCol);
        var window = grid.TileWindow(tileRow, tileCol);
        var corners = new[]
        {
            grid.CornerLonLat(window.XOff, window.YOff),
            grid.CornerLonLat(window.XOff + window.Width, window.YOff),
            grid.CornerLonLat(window.XOff + window.Width, window.YOff + window.Height),
            grid.CornerLonLat(window.XOff, window.YOff + window.Height),
            grid.CornerLonLat(window.XOff, window.YOff),
        };
        return new TileRecord
        {
            File = TileNames.FileName(context.Row.Id, tileRow, tileCol, context.Timestep?.Index),
            RowId = context.Row.Id,
            TileRow = tileRow,
            TileCol = tileCol,
            Epsg = grid.Epsg,
            Bounds = [b.MinX, b.MinY, b.MaxX, b.MaxY],
            FootprintLonLat = corners.Select(p => new[] { Math.Round(p.Longitude, 8), Math.Round(p.Latitude, 8) }).ToArray(),
            S2ItemId = context.S2Item.Id,
            S2Datetime = context.S2Item.Datetime,
            S1ItemId = context.S1Item.Id,
            S1Datetime = context.S1Item.Datetime,
            DeltaDays = Math.Round(context.DeltaDays, 4),
            ValidFraction = Math.Round(validFraction, 6),
            SceneCloudCover = context.S2Item.CloudCover,
            AoiClearFraction = Math.Round(context.AoiClearFraction, 4),
            OffsetRule = context.OffsetRule,
            S2ItemIds = [.. context.S2ItemIds ?? [context.S2Item.Id]],
            S1ItemIds = [.. context.S1ItemIds ?? [context.S1Item.Id]],
            Timestep = context.Timestep?.Index,
            TimestepStart = context.Timestep?.Window.Start,
            TimestepEnd = context.Timestep?.Window.End,
        };
    }

    public static JsonObject Json(TileContext context, TileRecord record)
    {
        var inv = CultureInfo.InvariantCulture;
        var grid = context.Grid;
        var footprint = new JsonArray();
        foreach (var p in record.FootprintLonLat)
        {
            footprint.Add(new JsonArray(p[0], p[1]));
        }

        var lons = record.FootprintLonLat.Select(p => p[0]).ToArray();
        var lats = record.FootprintLonLat.Select(p => p[1]).ToArray();
        var json = new JsonObject
        {
            ["schema"] = SchemaVersion,
            ["row_id"] = record.RowId,
            ["tile_row"] = record.TileRow,
            ["tile_col"] = record.TileCol,
            ["location"] = new JsonObject { ["lat"] = context.Row.Latitude, ["lon"] = context.Row.Longitude },
            ["crs"] = string.Create(inv, $"EPSG:{record.Epsg}"),
            ["geotransform"] = new JsonArray(grid.TileGeoTransform(record.TileRow, record.TileCol).Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            ["width"] = grid.TileSize,
            ["height"] = grid.TileSize,
            ["bounds"] = new JsonArray(record.Bounds.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            ["lonlat_bounds"] = new JsonArray(lons.Min(), lats.Min(), lons.Max(), lats.Max()),
            ["footprint_lonlat"] = footprint,
            ["s2_item"] = record.S2ItemId,
            ["s2_items"] = new JsonArray((record.S2ItemIds ?? [record.S2ItemId]).Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
            ["s2_datetime"] = record.S2Datetime.ToString("O", inv),
            ["s2_collection"] = context.S2Item.Collection,
            ["s2_processing_baseline"] = context.S2Item.ProcessingBaseline,
            ["s2_cloud_cover"] = context.S2Item.CloudCover,
            ["aoi_clear_fraction"] = Math.Round(context.AoiClearFraction, 4),
            ["s1_item"] = record.S1ItemId,
            ["s1_items"] = new JsonArray((record.S1ItemIds ?? [record.S1ItemId]).Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
            ["s1_datetime"] = record.S1Datetime.ToString("O", inv),
            ["s1_collection"] = context.S1Item.Collection,
            ["s1_source"] = context.S1Source,
            ["s1_units"] = "dB",
            ["delta_days"] = record.DeltaDays,
            ["offset_rule"] = record.OffsetRule,
            ["valid_fraction"] = record.ValidFraction,
            ["units"] = new JsonObject
            {
                ["s2"] = "surface reflectance (0-1), NaN = no data or masked by SCL",
                ["s1"] = context.GrdCalibrationConstant is { } a
                    ? string.Create(inv, $"sigma0 backscatter in dB from Sentinel-1 GRD amplitude, 20*log10(DN / A) with one calibration constant A = {a} (not the product's calibration LUT, not terrain corrected), NaN = no data")
                    : "gamma0 backscatter in dB (10*log10 of linear power), NaN = no data",
            },
            ["s1_grd_calibration_constant"] = context.GrdCalibrationConstant,
            ["tool"] = "axion-tiles",
            ["tool_version"] = context.ToolVersion,
        };
        if (context.Timestep is { } part)
        {
            json["timestep"] = part.Index;
            json["timesteps"] = part.Count;
            json["timestep_start"] = part.Window.Start.ToString("yyyy-MM-dd", inv);
            json["timestep_end"] = part.Window.End.ToString("yyyy-MM-dd", inv);
        }

        if (context.S2Bands is { } bands && !Bands.BandSelection.IsDefault([.. bands.Select(b => b.Band)]))
        {
            json["s2_bands"] = new JsonArray([.. bands.Select(b => (JsonNode)new JsonObject
            {
                ["band"] = b.Band.Name,
                ["key"] = b.Band.Key,
                ["resolution_m"] = b.Band.ResolutionM,
                ["resampling"] = b.Resampling,
            })]);
        }

        return json;
    }
}
