using System.Text.Json;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Stac.Tests.Fakes;

/// <summary>Reads the real catalog responses in Fixtures/.</summary>
public static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static StacItem Item(string name) => StacItemParser.Parse(Text(name));

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
