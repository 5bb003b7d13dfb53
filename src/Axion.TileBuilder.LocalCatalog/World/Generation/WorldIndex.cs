using System.Text.Json;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>Reads and writes <c>world.json</c>: the scenes of a generated world folder.</summary>
internal static class WorldIndex
{
    /// <summary>The world in <paramref name="directory"/>, or null when its index is missing, unreadable or any file is missing or of another size.</summary>
    public static SyntheticWorld? TryLoad(string directory)
    {
        var path = Path.Combine(directory, WorldFiles.IndexFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        SyntheticWorld? world;
        try
        {
            world = JsonSerializer.Deserialize(File.ReadAllText(path), WorldJsonContext.Default.SyntheticWorld);
        }
        catch (JsonException)
        {
            return null;
        }

        if (world is null)
        {
            return null;
        }

        foreach (var asset in world.Scenes.SelectMany(AllAssets))
        {
            var file = new FileInfo(Path.Combine(directory, asset.RelativePath));
            if (!file.Exists || file.Length != asset.FileSize)
            {
                return null;
            }
        }

        return world with { Directory = directory };
    }

    /// <summary>Writes the index atomically (temporary file, then rename). The stored directory is ".".</summary>
    public static void Save(SyntheticWorld world, string directory)
    {
        var path = Path.Combine(directory, WorldFiles.IndexFileName);
        var temp = $"{path}{CogWriter.PartialMarker}{Guid.NewGuid():N}";
        File.WriteAllText(temp, JsonSerializer.Serialize(world with { Directory = "." }, WorldJsonContext.Default.SyntheticWorld));
        File.Move(temp, path, overwrite: true);
    }

    public static IEnumerable<SceneAssetFile> AllAssets(SyntheticScene scene) =>
        scene.OffsetAppliedAssets is { } extra ? scene.Assets.Concat(extra) : scene.Assets;
}
