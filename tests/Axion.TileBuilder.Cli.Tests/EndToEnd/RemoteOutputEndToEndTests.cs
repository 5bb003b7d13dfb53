using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Axion.TileBuilder.Cli.Tests.Reliability;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Storage;
using Axion.TileBuilder.Testing.Emulators;
using Azure.Storage.Sas;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// Batches whose <c>--out</c> is an object store, end to end. A sharded batch into Azure Blob Storage (Azurite) as
/// Kubernetes runs it (<see cref="RemoteOutputFixture"/>): the store ends up with exactly the tiles of a single local
/// build, the killed pod's replacement restores the shard's journal from its snapshot and redoes only the unfinished
/// row, <c>merge</c> writes the dataset's index into the store and <c>status</c> counts every row once. SIGTERM leaves a
/// last snapshot; an unsharded batch into an S3-compatible store (s3rver) works the same way.
/// </summary>
public sealed class RemoteOutputEndToEndTests(RemoteOutputFixture fixture) : IClassFixture<RemoteOutputFixture>
{
    [Fact]
    public void The_store_holds_exactly_the_tiles_of_a_single_build_after_a_pod_was_killed_and_rescheduled_onto_an_empty_work_folder()
    {
        foreach (var k in new[] { 0, 2 })
        {
            var (exitCode, lines) = fixture.FirstRuns[k];
            Assert.True(exitCode == 0, $"pod {k}: exit {exitCode}\n" + string.Join("\n", lines));
            Assert.Contains(lines, l => l.Contains($"Shard {k}/3 (from JOB_COMPLETION_INDEX={k} and --shards 3)", StringComparison.Ordinal));
        }

        Assert.True(fixture.FirstRuns[1].ExitCode == 137, "pod 1 must die by SIGKILL at its second row\n" + string.Join("\n", fixture.FirstRuns[1].Lines));
        var restart = fixture.Restart;
        Assert.True(restart.ExitCode == 0, "rescheduled pod 1: exit " + restart.ExitCode + "\n" + string.Join("\n", restart.Lines));
        Assert.Contains(restart.Lines, l => l.Contains($"Restored the journal from {fixture.Out}/_journal/shard-1-of-3.db", StringComparison.Ordinal));
        Assert.Contains(restart.Lines, l => l.Contains("2 rows, 1 done, 1 to run", StringComparison.Ordinal)); // iowa-cropland is not redone

        TileSnapshot.AssertEqual(fixture.Reference, TileSnapshot.Read(fixture.Stored.Dir));
        var expected = fixture.Reference.Keys
            .Concat(fixture.RowIds.Select(id => $"quicklooks/{id}.png"))
            .Concat(Enumerable.Range(0, 3).Select(k => $"_journal/shard-{k}-of-3.db"))
            .Concat(["_journal/batch.json", "index.csv", "index.geojson", "index.parquet", "report.html"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), fixture.Stored.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_shard_snapshot_in_the_store_holds_its_own_rows_all_done_and_no_output_or_journal_holds_the_account_key()
    {
        var seen = new List<string>();
        for (var k = 0; k < 3; k++)
        {
            var path = Path.Combine(fixture.Stored.Dir, "_journal", $"shard-{k}-of-3.db");
            using var journal = BatchJournal.OpenReadOnlyFile(fixture.Stored.Dir, path);
            var rows = journal.List();
            Assert.All(rows, r => Assert.Equal(k, ShardAssignment.ShardOf(r.RowId, 3)));
            Assert.All(rows, r => Assert.Equal(RowState.Done, r.State));
            seen.AddRange(rows.Select(r => r.RowId));
            Assert.DoesNotContain(AzuriteFixture.AccountKey, Encoding.Latin1.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
        }

        Assert.Equal(fixture.RowIds.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var allLines = fixture.FirstRuns.SelectMany(r => r.Lines).Concat(fixture.Restart.Lines).Concat(fixture.Merge.Lines).Concat(fixture.Status.Lines);
        Assert.DoesNotContain(allLines, l => l.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal) || l.Contains("AccountKey=", StringComparison.Ordinal));
    }

    [Fact]
    public void Merge_writes_the_index_and_the_report_into_the_store_and_status_counts_every_row_once()
    {
        var (mergeExit, mergeLines) = fixture.Merge;
        Assert.True(mergeExit == 0, "merge: exit " + mergeExit + "\n" + string.Join("\n", mergeLines));
        using (var merge = JsonDocument.Parse(string.Join("\n", mergeLines.SkipWhile(l => !l.StartsWith('{')))))
        {
            Assert.True(merge.RootElement.GetProperty("complete").GetBoolean());
            Assert.Equal(fixture.Reference.Count, merge.RootElement.GetProperty("tiles").GetInt32());
            Assert.Equal(fixture.Out, merge.RootElement.GetProperty("out_dir").GetString());
        }

        var report = File.ReadAllText(Path.Combine(fixture.Stored.Dir, "report.html"));
        Assert.All(fixture.RowIds, id => Assert.Contains(id, report, StringComparison.Ordinal));

        var index = File.ReadAllLines(Path.Combine(fixture.Stored.Dir, "index.csv"));
        Assert.Equal(fixture.Reference.Count, index.Length - 1);
        Assert.All(fixture.Reference.Keys, name => Assert.Contains(index, line => line.Contains(name, StringComparison.Ordinal)));

        var (statusExit, statusLines) = fixture.Status;
        Assert.True(statusExit == 0, "status: exit " + statusExit + "\n" + string.Join("\n", statusLines));
        using var status = JsonDocument.Parse(string.Join("\n", statusLines.SkipWhile(l => !l.StartsWith('{'))));
        var root = status.RootElement;
        Assert.Equal(3, root.GetProperty("rows_total").GetInt32());
        Assert.Equal(3, root.GetProperty("rows").GetProperty("done").GetInt32());
        Assert.Empty(root.GetProperty("shards_not_started").EnumerateArray());
        Assert.Equal(fixture.Reference.Count, root.GetProperty("tiles_written").GetInt64());
    }

    [Fact]
    public async Task Sigterm_leaves_a_last_snapshot_in_the_store_with_the_finished_rows_done_and_their_tiles_there()
    {
        await using var slow = await fixture.StartSlowServerAsync(latencyMs: 40);
        var container = fixture.Azurite.CreateContainer();
        var output = $"az://{container}/term";
        List<string> args = [.. fixture.BuildArgs(output, workers: 1, server: slow), "--work-dir", fixture.NewDir("term-pod"), "--checkpoint-rows", "1000", "--checkpoint-seconds", "3600"];
        var lines = new ConcurrentQueue<string>();
        using var process = ChildCli.Start(args, lines, fixture.StoreEnvironment);

        var clock = Stopwatch.StartNew();
        while (!process.HasExited && !lines.Any(ChildCli.IsRowDoneLine) && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(20);
        }

        Assert.False(process.HasExited, "the batch ended before it could be interrupted:\n" + string.Join('\n', lines));
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using (var hang = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await process.WaitForExitAsync(hang.Token);
        }

        Assert.True(process.ExitCode == ExitCodes.Cancelled, $"exit {process.ExitCode}\n" + string.Join('\n', lines));

        // No snapshot was due (1000 rows, 1 hour): the one in the store is the one taken at exit.
        var (dir, names) = await fixture.DownloadAsync(container, "term/");
        Assert.Contains("journal.db", names);
        using var journal = BatchJournal.OpenReadOnlyFile(dir, Path.Combine(dir, "journal.db"));
        var rows = journal.List();
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain(rows, r => r.State is RowState.Failed or RowState.Skipped);
        Assert.True(rows.Count(r => r.State == RowState.Running) <= 1, string.Join(", ", rows.Select(r => $"{r.RowId}={r.State}")));
        var done = rows.Where(r => r.State == RowState.Done).ToList();
        Assert.NotEmpty(done);
        Assert.All(done.SelectMany(r => r.Outcome!.Files), f => Assert.Contains(f, names));
        TileSnapshot.AssertEqual(TileSnapshot.OfRows(fixture.Reference, done.Select(r => r.RowId)), TileSnapshot.Read(dir));
    }

    [Fact]
    public async Task An_unsharded_batch_from_a_csv_in_an_s3_compatible_store_puts_the_tiles_the_index_and_the_journal_there_and_status_reads_it()
    {
        using var s3 = new S3rverFixture();
        var bucket = s3.CreateBucket();
        var output = $"s3://{bucket}/one";
        var environment = s3.Environment();
        environment[StorageVariables.AwsRegion] = "us-east-1";

        using var client = new AmazonS3Client(new BasicAWSCredentials(S3rverFixture.AccessKey, S3rverFixture.SecretKey), new AmazonS3Config { ServiceURL = s3.Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "inputs/locations.csv", FilePath = TestPaths.SampleCsv, UseChunkEncoding = false });
        var args = fixture.BuildArgs(output);
        args[args.IndexOf("--csv") + 1] = $"s3://{bucket}/inputs/locations.csv"; // the CSV comes from the bucket too

        var missing = await ShardedBatchFixture.RunAsync([.. args[..2], $"s3://{bucket}/inputs/nothing.csv", .. args[3..], "--work-dir", fixture.NewDir("s3-none")], environment);
        Assert.True(missing.ExitCode == 2, $"exit {missing.ExitCode}\n" + string.Join('\n', missing.Lines));
        Assert.Contains(missing.Lines, l => l.Contains($"--csv s3://{bucket}/inputs/nothing.csv: no such object", StringComparison.Ordinal));

        var (exitCode, lines) = await ShardedBatchFixture.RunAsync([.. args, "--work-dir", fixture.NewDir("s3-work")], environment);
        Assert.True(exitCode == 0, $"exit {exitCode}\n" + string.Join('\n', lines));

        var dir = fixture.NewDir("s3-copy");
        var names = new List<string>();
        {
            var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "one/" });
            foreach (var o in listed.S3Objects)
            {
                var name = o.Key["one/".Length..];
                names.Add(name);
                var path = Path.Combine(dir, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var got = await client.GetObjectAsync(bucket, o.Key);
                await using var file = File.Create(path);
                await got.ResponseStream.CopyToAsync(file);
            }
        }

        TileSnapshot.AssertEqual(fixture.Reference, TileSnapshot.Read(dir));
        Assert.Contains("journal.db", names);
        Assert.Contains("index.parquet", names);
        Assert.Equal(fixture.Reference.Count, File.ReadAllLines(Path.Combine(dir, "index.csv")).Length - 1);
        Assert.DoesNotContain(lines, l => l.Contains(S3rverFixture.SecretKey + "\"", StringComparison.Ordinal));

        var (statusExit, statusLines) = await ShardedBatchFixture.RunAsync(["status", "--out", output, "--json"], environment);
        Assert.True(statusExit == 0, string.Join('\n', statusLines));
        using var status = JsonDocument.Parse(string.Join("\n", statusLines.SkipWhile(l => !l.StartsWith('{'))));
        Assert.Equal(3, status.RootElement.GetProperty("rows").GetProperty("done").GetInt32());
    }

    [Fact]
    public async Task A_crash_after_a_rows_upload_and_before_its_journal_commit_redoes_the_row_over_the_same_names()
    {
        var container = fixture.Azurite.CreateContainer();
        var output = $"az://{container}/crash";
        List<string> args = [.. fixture.BuildArgs(output, workers: 1), "--work-dir", fixture.NewDir("crash-pod")];
        var crash = fixture.StoreEnvironment;
        crash[CrashPoint.EnvironmentVariable] = CrashPoint.TilesUploaded + ":2";

        var (killedExit, killedLines) = await ShardedBatchFixture.RunAsync(args, crash);
        Assert.True(killedExit == 137, $"exit {killedExit}\n" + string.Join('\n', killedLines));
        var (afterCrash, _) = await fixture.DownloadAsync(container, "crash/");
        var uploadedBeforeCommit = TileSnapshot.Read(afterCrash).Count;

        var (exitCode, lines) = await ShardedBatchFixture.RunAsync(args, fixture.StoreEnvironment);
        Assert.True(exitCode == 0, $"exit {exitCode}\n" + string.Join('\n', lines));
        Assert.Contains(lines, l => l.Contains("was cut short by a crash", StringComparison.Ordinal));

        var (dir, names) = await fixture.DownloadAsync(container, "crash/");
        Assert.True(uploadedBeforeCommit > 0, "the crash point must come after the second row's uploads");
        TileSnapshot.AssertEqual(fixture.Reference, TileSnapshot.Read(dir));
        var expected = fixture.Reference.Keys
            .Concat(fixture.RowIds.Select(id => $"quicklooks/{id}.png"))
            .Concat(["journal.db", "index.csv", "index.geojson", "index.parquet"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Credentials_that_cannot_write_stop_the_batch_with_exit_1_and_fail_no_row()
    {
        var container = fixture.Azurite.CreateContainer();
        var sas = AzuriteFixture.ContainerSas(container, AzuriteFixture.AccountKey, BlobContainerSasPermissions.Read | BlobContainerSasPermissions.List);
        var environment = new Dictionary<string, string>
        {
            [StorageVariables.AzureAccount] = AzuriteFixture.Account,
            [StorageVariables.AzureSasToken] = sas,
            [StorageVariables.AzureBlobEndpoint] = fixture.Azurite.Endpoint,
        };
        var workDir = fixture.NewDir("read-only-pod");

        var (exitCode, lines) = await ShardedBatchFixture.RunAsync([.. fixture.BuildArgs($"az://{container}/ro", workers: 1), "--work-dir", workDir], environment);

        Assert.True(exitCode == 1, $"exit {exitCode}\n" + string.Join('\n', lines));
        Assert.Contains(lines, l => l.Contains("the output store refused the upload (storage_auth)", StringComparison.Ordinal));
        var signature = sas.Split('&').Single(p => p.StartsWith("sig=", StringComparison.Ordinal))["sig=".Length..];
        Assert.DoesNotContain(lines, l => l.Contains(signature, StringComparison.Ordinal) || l.Contains(Uri.UnescapeDataString(signature), StringComparison.Ordinal));
        using var journal = BatchJournal.OpenReadOnly(workDir);
        Assert.Equal(3, journal.List().Count);
        Assert.All(journal.List(), r => Assert.Equal(RowState.Pending, r.State)); // released, to be redone with working credentials
    }

    [Theory]
    [InlineData("status")]
    [InlineData("merge")]
    [InlineData("resume")]
    public async Task A_store_without_a_batch_is_refused_with_exit_2_naming_the_location(string command)
    {
        var output = $"az://{fixture.Azurite.CreateContainer()}/nothing";
        List<string> args = [command, "--out", output];
        if (command == "resume")
        {
            args.AddRange(["--work-dir", fixture.NewDir("empty-pod")]);
        }

        var (exitCode, lines) = await ShardedBatchFixture.RunAsync(args, fixture.StoreEnvironment);

        Assert.True(exitCode == 2, $"exit {exitCode}\n" + string.Join('\n', lines));
        Assert.Contains(lines, l => l.Contains($"no batch {(command == "resume" ? "to resume " : string.Empty)}in {output}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_and_report_read_the_merged_dataset_in_the_store_and_the_report_goes_next_to_the_tiles()
    {
        var local = await CliHarness.RunAsync("validate", fixture.ReferenceDir, "--json");
        Assert.True(local.ExitCode == ExitCodes.Ok, local.ToString());
        using (var doc = JsonDocument.Parse(local.Stdout))
        {
            Assert.Equal(fixture.Reference.Count, doc.RootElement.GetProperty("files_checked").GetInt32());
        }

        var (exitCode, lines) = await ShardedBatchFixture.RunAsync(["validate", fixture.Out], fixture.StoreEnvironment);
        Assert.True(exitCode == ExitCodes.Ok, $"validate: exit {exitCode}\n" + string.Join('\n', lines));
        var summary = $"OK: {fixture.Out}: {fixture.Reference.Count} file(s) checked, {fixture.Reference.Count} ok, 0 with violations; 0 violation(s), 0 warning(s) (journal, index)";
        Assert.Contains(summary, lines);

        var (reportExit, reportLines) = await ShardedBatchFixture.RunAsync(["report", "--out", fixture.Out], fixture.StoreEnvironment);
        Assert.True(reportExit == ExitCodes.Ok, $"report: exit {reportExit}\n" + string.Join('\n', reportLines));
        Assert.Contains($"{fixture.Out}/report.html", reportLines);
        var (dir, names) = await fixture.DownloadAsync();
        Assert.Contains("report.html", names);
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "report.html"));
        Assert.Contains("data-key=\"rows-done\">3<", html, StringComparison.Ordinal);
        Assert.Contains($"data-key=\"tiles-written\">{fixture.Reference.Count}<", html, StringComparison.Ordinal);
        foreach (var id in fixture.RowIds)
        {
            Assert.Contains($"<tr data-row-id=\"{id}\">", html, StringComparison.Ordinal);
            Assert.Contains($"<img class=\"ql\" src=\"quicklooks/{id}.png\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("could not be read", html, StringComparison.Ordinal); // the sampled tiles were downloaded and read
    }

    [Fact]
    public async Task Validate_names_a_corrupted_tile_in_the_store_and_exits_3()
    {
        var container = fixture.Azurite.CreateContainer();
        await fixture.UploadAsync(fixture.Stored.Dir, container, "damaged/");
        var victim = fixture.Reference.Keys.Order(StringComparer.Ordinal).First();
        var copy = Path.Combine(fixture.NewDir("damaged-tile"), victim);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(fixture.Stored.Dir, victim));
        for (var i = bytes.Length / 3; i < (bytes.Length / 3) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(copy, bytes);
        await fixture.UploadAsync(Path.GetDirectoryName(copy)!, container, "damaged/");
        var output = $"az://{container}/damaged";

        var (exitCode, lines) = await ShardedBatchFixture.RunAsync(["validate", output], fixture.StoreEnvironment);

        Assert.True(exitCode == ExitCodes.FinishedWithFailures, $"exit {exitCode}\n" + string.Join('\n', lines));
        Assert.Contains(lines, l => l.StartsWith($"FAILED: {output}: {fixture.Reference.Count} file(s) checked, {fixture.Reference.Count - 1} ok, 1 with violations", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"  {victim}: unreadable: '{output}/{victim}' is corrupt", StringComparison.Ordinal));
    }
}
