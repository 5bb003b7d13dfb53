using Axion.TileBuilder.Pipeline.Remote;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// Where a command works and where the batch's output is: a local <c>--out</c> folder (<see cref="Remote"/> null,
/// <see cref="Dir"/> is the folder), or an object store with a local folder (<see cref="Dir"/>): the work folder of a
/// batch, or a temporary copy of the journals for <c>status</c> and <c>merge</c> (deleted with this instance).
/// </summary>
/// <param name="Shown">What messages call the output: the folder, or <c>az://...</c> / <c>s3://...</c>.</param>
/// <param name="Dir">The local folder the command works in.</param>
/// <param name="Remote">The object store, or null.</param>
/// <param name="Temporary">Delete <see cref="Dir"/> on dispose.</param>
internal sealed record OutputTarget(string Shown, string Dir, RemoteOutput? Remote, bool Temporary = false) : IDisposable
{
    public void Dispose()
    {
        Remote?.Dispose();
        if (Temporary && Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }
}
