namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The rectangle of blocks (tiles) a pixel window touches, inclusive block indices.</summary>
/// <param name="FirstColumn">Block column of the window's left edge.</param>
/// <param name="FirstRow">Block row of the window's top edge.</param>
/// <param name="LastColumn">Block column of the window's right edge (inclusive).</param>
/// <param name="LastRow">Block row of the window's bottom edge (inclusive).</param>
public readonly record struct BlockSpan(int FirstColumn, int FirstRow, int LastColumn, int LastRow)
{
    /// <summary>Block columns touched.</summary>
    public int Columns => LastColumn - FirstColumn + 1;

    /// <summary>Block rows touched.</summary>
    public int Rows => LastRow - FirstRow + 1;

    /// <summary>Blocks touched.</summary>
    public int Count => Columns * Rows;

    /// <summary>The touched blocks as (column, row), row by row.</summary>
    public IEnumerable<(int Column, int Row)> Blocks()
    {
        for (var r = FirstRow; r <= LastRow; r++)
        {
            for (var c = FirstColumn; c <= LastColumn; c++)
            {
                yield return (c, r);
            }
        }
    }
}
