using System.Globalization;
using System.Text;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// A catalog that answers junk for some rows (invalid JSON, an HTML page, asset hrefs to local files,
/// GDAL virtual paths or s3, a paging loop): those rows fail with a specific message, the others complete,
/// and no local file is opened.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class HostileCatalogTests(ReliabilityFixture fixture)
{
    [Fact]
    public async Task Hostile_answers_fail_only_their_rows_with_specific_messages_and_read_no_local_file()
    {
        var dataDir = fixture.NewDir("rel-hostile-data");
        var canary = Path.Combine(dataDir, "canary.tif");
        var canaryText = "canary-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(canary, canaryText);
        var longAgo = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastAccessTimeUtc(canary, longAgo);

        var iowa = fixture.SampleRows[0];
        var forest = fixture.SampleRows[1];
        HostileRow Near(string id, (double Lat, double Lon) place, double eastKm, double northKm, HostileKind kind, string? href = null) =>
            new(id, place.Lat + (northKm / 111.0), place.Lon + (eastKm / (111.0 * Math.Cos(place.Lat * Math.PI / 180))), kind, href);
        var at = (iowa.Latitude, iowa.Longitude);
        List<HostileRow> rows =
        [
            .. fixture.SampleRows.Select(r => new HostileRow(r.Id, r.Latitude, r.Longitude, HostileKind.Proxy)),
            Near("junk-json", at, 1.5, 0, HostileKind.InvalidJson),
            Near("html-page", at, -1.5, 0, HostileKind.HtmlPage),
            Near("file-passwd", at, 0, 1.5, HostileKind.AssetHref, "file:///etc/passwd"),
            Near("file-canary", at, 0, -1.5, HostileKind.AssetHref, new Uri(canary).AbsoluteUri),
            Near("vsicurl-path", at, 1.2, 1.2, HostileKind.AssetHref, "/vsicurl/" + fixture.CleanServer.BaseUri.AbsoluteUri + "blob/x.tif"),
            Near("vsimem-path", at, -1.2, -1.2, HostileKind.AssetHref, "/vsimem/axion-hostile.tif"),
            Near("s3-href", at, 1.2, -1.2, HostileKind.AssetHref, "s3://sentinel-cogs/sentinel-s2-l2a-cogs/15/T/VG/B04.tif"),
            Near("loop-next", (forest.Latitude, forest.Longitude), 1.5, 0, HostileKind.LoopingNext),
        ];
        var csv = Path.Combine(dataDir, "hostile.csv");
        await File.WriteAllTextAsync(csv, "id,lat,lon\n" + string.Concat(rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id},{r.Latitude:F5},{r.Longitude:F5}\n"))));

        using var proxy = new HostileStacProxy(fixture.CleanServer.PlanetaryComputerStacRoot, rows);
        var outDir = fixture.NewDir("rel-hostile");
        var result = await CliHarness.RunAsync([.. fixture.BuildArgs(csv, outDir, proxy.Root, fixture.CleanServer, workers: 4)]);
        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailures, result.ToString());

        using (var journal = BatchJournal.Open(outDir, create: false))
        {
            Assert.Empty(journal.CheckIntegrity());
            void Failed(string id, FailureKind kind, string reason, params string[] phrases)
            {
                var row = journal.Get(id)!;
                Assert.True(row.State == RowState.Failed, $"{id}: {row.State}");
                Assert.Equal(kind, row.FailureKind);
                Assert.Equal(reason, row.Reason);
                foreach (var phrase in phrases)
                {
                    Assert.True(row.Message!.Contains(phrase, StringComparison.Ordinal), $"{id}: message lacks '{phrase}': {row.Message}");
                }
            }

            Failed("junk-json", FailureKind.Permanent, "catalog_format", "invalid JSON");
            Failed("html-page", FailureKind.Permanent, "catalog_format", "content type 'text/html' instead of JSON", "Access denied");
            Failed("file-passwd", FailureKind.Permanent, "unsafe_href", "local file (scheme 'file')", "file:///etc/passwd");
            Failed("file-canary", FailureKind.Permanent, "unsafe_href", "local file (scheme 'file')");
            Failed("vsicurl-path", FailureKind.Permanent, "unsafe_href", "GDAL virtual file system path");
            Failed("vsimem-path", FailureKind.Permanent, "unsafe_href", "GDAL virtual file system path");
            Failed("s3-href", FailureKind.Permanent, "unsafe_href", "scheme 's3' is not allowed");

            // The loop was cut after one round (the repeated request is never sent) and the row completed.
            Assert.Equal(RowState.Done, journal.Get("loop-next")!.State);
            foreach (var sample in fixture.SampleRows)
            {
                Assert.Equal(RowState.Done, journal.Get(sample.Id)!.State);
            }
        }

        Assert.Single(proxy.Requests, r => r == "GET /loop loop-next");
        TileSnapshot.AssertEqual(fixture.SampleReference, TileSnapshot.Read(outDir, f => !f.StartsWith("tile_loop-next_", StringComparison.Ordinal)));
        Assert.NotEmpty(Directory.GetFiles(outDir, "tile_loop-next_*.npz"));
        foreach (var failed in new[] { "junk-json", "html-page", "file-passwd", "file-canary", "vsicurl-path", "vsimem-path", "s3-href" })
        {
            Assert.Empty(Directory.GetFiles(outDir, $"tile_{failed}_*"));
        }

        // Nothing local was read: the canary was never opened, and neither it nor /etc/passwd shows up in the output.
        Assert.Equal(longAgo, File.GetLastAccessTimeUtc(canary));
        var written = string.Concat(Directory.GetFiles(outDir).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f)))) + result.Stdout + result.Stderr;
        Assert.DoesNotContain(canaryText, written, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", written, StringComparison.Ordinal);

        // The probe above is sensitive: reading the canary does move its access time (relatime, atime far in the past).
        _ = await File.ReadAllTextAsync(canary);
        Assert.NotEqual(longAgo, File.GetLastAccessTimeUtc(canary));
    }
}
