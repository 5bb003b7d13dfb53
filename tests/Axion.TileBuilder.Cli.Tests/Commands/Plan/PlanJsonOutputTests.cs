using System.Text.Json;
using Axion.TileBuilder.Cli.Commands.Plan;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Cli.Tests.Commands.Plan;

public sealed class PlanJsonOutputTests
{
    [Fact]
    public void Each_row_is_written_when_handed_out_and_the_document_ends_with_the_totals()
    {
        using var text = new StringWriter();
        var totals = new BatchPlanTotals();
        using (var output = new PlanJsonOutput(text, "demo", "/data/a.csv", null, new PlanAssumptions(50, 50, 4)))
        {
            output.Begin();
            var first = Failed("alpha", 2, "no_clear_scene");
            output.Row(first);
            Assert.Contains("\"id\": \"alpha\"", text.ToString(), StringComparison.Ordinal); // on the output before the next row exists
            Assert.DoesNotContain("bravo", text.ToString(), StringComparison.Ordinal);
            var second = Failed("bravo", 3, "bad_input");
            output.Row(second);
            Assert.Contains("\"id\": \"bravo\"", text.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("rows_total", text.ToString(), StringComparison.Ordinal);
            totals.Add(first);
            totals.Add(second);
            output.End(totals, 12.34);
        }

        using var doc = JsonDocument.Parse(text.ToString());
        var root = doc.RootElement;
        Assert.Equal("demo", root.GetProperty("catalog").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("shard").ValueKind);
        Assert.Equal(["alpha", "bravo"], root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var row = root.GetProperty("rows")[0];
        Assert.Equal(("failed", "Permanent", "no_clear_scene", 2), (row.GetProperty("status").GetString(), row.GetProperty("kind").GetString(), row.GetProperty("reason").GetString(), row.GetProperty("line").GetInt32()));
        Assert.Equal((2, 0, 2), (root.GetProperty("rows_total").GetInt32(), root.GetProperty("rows_planned").GetInt32(), root.GetProperty("rows_failed").GetInt32()));
        Assert.Equal(12.3, root.GetProperty("estimated_seconds").GetDouble());
        Assert.Equal(4, root.GetProperty("assumptions").GetProperty("workers").GetInt32());
    }

    private static RowPlanOutcome Failed(string id, int line, string reason) =>
        new() { RowId = id, Line = line, Kind = FailureKind.Permanent, Reason = reason, Message = "no luck" };
}
