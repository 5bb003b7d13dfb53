namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>The finite fraction of one tile, for the report's worst-offenders list.</summary>
/// <param name="File">File name relative to the dataset folder.</param>
/// <param name="FiniteFraction">Fraction (0..1) of the pixels finite in all six bands.</param>
public sealed record TileQuality(string File, double FiniteFraction);
