namespace Axion.TileBuilder.Output.Synth;

/// <summary>What <see cref="MockTileGenerator.WriteAll"/> wrote.</summary>
/// <param name="Directory">Absolute output directory.</param>
/// <param name="Files">Absolute paths of the tiles, <c>tile_000000.npz</c> first.</param>
/// <param name="Seed">The seed used.</param>
/// <param name="Size">Tile width and height, pixels.</param>
public sealed record MockTileSet(string Directory, IReadOnlyList<string> Files, long Seed, int Size);
