using System.Security.Cryptography;
using System.Text;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Core.Tests.Locations;

public sealed class LocationCsvFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("axion-csvfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Rows_are_parsed_and_the_hash_is_the_sha256_of_the_whole_file()
    {
        var text = "id,lat,lon\nA,48.1,2.2\r\nB,10,20\n\n";
        var path = Write("ok.csv", Encoding.UTF8.GetBytes(text));

        var read = LocationCsvFile.Read(path, new LocationCsvLimits(1024, 64));

        Assert.Equal(["A", "B"], read.Parse.Rows.Select(r => r.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), read.Sha256);
    }

    [Fact]
    public void A_file_larger_than_the_cap_is_refused_naming_the_file_and_the_cap()
    {
        var text = "id,lat,lon\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"R{i},1,2\n"));
        var path = Write("big.csv", Encoding.UTF8.GetBytes(text));

        var ex = Assert.Throws<LocationCsvException>(() => LocationCsvFile.Read(path, new LocationCsvLimits(1024, 64)));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("larger than the cap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_without_a_length_is_stopped_at_the_line_cap_after_reading_at_most_the_cap()
    {
        // /dev/zero has no length and no line break: the line cap stops it after about 64 KiB.
        var ex = Assert.Throws<LocationCsvException>(() => LocationCsvFile.Read("/dev/zero"));

        Assert.Contains("/dev/zero line 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("longer than the cap of 64 KiB", ex.Message, StringComparison.Ordinal);
        Assert.Equal([1], ex.Lines);
    }

    [Fact]
    public async Task A_stream_without_a_length_is_stopped_at_the_size_cap()
    {
        // A FIFO has no length either; 300 short lines pass the 2 KiB cap, not the line cap.
        var fifo = Path.Combine(_dir, "fifo.csv");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mk.WaitForExit();
            Assert.Equal(0, mk.ExitCode);
        }

        var writer = Task.Run(() =>
        {
            try
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                stream.Write(Encoding.UTF8.GetBytes("id,lat,lon\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"R{i},1,2\n"))));
            }
            catch (IOException)
            {
                // The reader stopped early: a broken pipe is the expected end.
            }
        });

        var ex = Assert.Throws<LocationCsvException>(() => LocationCsvFile.Read(fifo, new LocationCsvLimits(2048, 64)));
        await writer;

        Assert.Contains("larger than the cap", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fifo, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_longer_than_the_cap_is_refused_with_its_line_number()
    {
        var text = "id,lat,lon,description\nA,1,2,short\nB,1,2," + new string('x', 100) + "\nC,1,2,x\n";
        var path = Write("long.csv", Encoding.UTF8.GetBytes(text));

        var ex = Assert.Throws<LocationCsvException>(() => LocationCsvFile.Read(path, new LocationCsvLimits(1024 * 1024, 64)));

        Assert.Contains(path + " line 3:", ex.Message, StringComparison.Ordinal);
        Assert.Equal([3], ex.Lines);
    }

    [Fact]
    public void A_line_of_exactly_the_cap_with_a_crlf_break_is_accepted()
    {
        var row = "A,1,2," + new string('x', 64 - 6);
        var path = Write("edge.csv", Encoding.UTF8.GetBytes("id,lat,lon,description\r\n" + row + "\r\n"));

        var read = LocationCsvFile.Read(path, new LocationCsvLimits(1024, 64));

        Assert.Equal(64, row.Length);
        Assert.Single(read.Parse.Rows);
    }

    [Fact]
    public void Invalid_utf8_is_refused_naming_the_file_and_a_line()
    {
        var bytes = Encoding.UTF8.GetBytes("id,lat,lon\nA,1,2\nB,1,").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var path = Write("latin.csv", bytes);

        var ex = Assert.Throws<LocationCsvException>(() => LocationCsvFile.Read(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.BadInput, ex.Kind);
    }

    [Fact]
    public void A_missing_file_is_bad_input_naming_it()
    {
        var path = Path.Combine(_dir, "missing.csv");

        var ex = Assert.Throws<LocationCsvException>(() => LocationCsvFile.Read(path));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
