using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Retries;
using Axion.TileBuilder.Storage.Internals;

namespace Axion.TileBuilder.Storage.Tests.Internals;

public class StorageRetryTests
{
    private static readonly ObjectStoreOptions Fast = new() { FirstRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(2) };

    [Fact]
    public async Task Transient_failures_are_retried_until_success()
    {
        var retry = new StorageRetry(Fast, _ => StorageFailure.Transient("HTTP 503 ServerBusy"), SecretScrubber.None);
        var attempts = 0;

        var result = await retry.RunAsync("upload of 'a'", (attempt, _) =>
        {
            attempts = attempt;
            return attempt < 3 ? throw new IOException("reset") : Task.FromResult("ok");
        }, CancellationToken.None);

        Assert.Equal("ok", result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Permanent_failures_are_not_retried_and_keep_their_reason()
    {
        var retry = new StorageRetry(Fast, _ => new StorageFailure(FailureKind.Environment, ObjectStoreException.AuthFailed, "credentials rejected (HTTP 403)"), SecretScrubber.None);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => retry.RunAsync<int>("lookup of 'a' in az://c", (attempt, _) =>
        {
            attempts = attempt;
            throw new InvalidOperationException("403");
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal("storage_auth", error.Reason);
        Assert.Equal("lookup of 'a' in az://c failed after 1 attempt: credentials rejected (HTTP 403)", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Retries_stop_at_max_attempts()
    {
        var retry = new StorageRetry(Fast with { MaxAttempts = 3 }, _ => StorageFailure.Transient("HTTP 500"), SecretScrubber.None);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => retry.RunAsync<int>("x", (attempt, _) =>
        {
            attempts = attempt;
            throw new IOException();
        }, CancellationToken.None));

        Assert.Equal(3, attempts);
        Assert.Equal(ObjectStoreException.Unavailable, error.Reason);
        Assert.Equal(FailureKind.Transient, error.Kind);
    }

    [Fact]
    public async Task Retries_are_taken_from_the_rows_budget()
    {
        var retry = new StorageRetry(Fast, _ => StorageFailure.Transient("HTTP 500"), SecretScrubber.None);
        var budget = new RetryBudget(maxRetries: 1, TimeSpan.FromMinutes(5));
        var attempts = 0;
        RetryBudget.Current = budget;
        try
        {
            await Assert.ThrowsAsync<ObjectStoreException>(() => retry.RunAsync<int>("x", (attempt, _) =>
            {
                attempts = attempt;
                throw new IOException();
            }, CancellationToken.None));
        }
        finally
        {
            RetryBudget.Current = null;
        }

        Assert.Equal(2, attempts);
        Assert.Equal(1, budget.Taken);
    }

    [Fact]
    public async Task Cancellation_is_not_retried()
    {
        var retry = new StorageRetry(Fast, _ => StorageFailure.Transient("timeout"), SecretScrubber.None);
        using var cts = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry.RunAsync<int>("x", (attempt, ct) =>
        {
            attempts = attempt;
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(0);
        }, cts.Token));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Messages_and_log_lines_are_scrubbed_of_known_secrets()
    {
        const string secret = "sv=2024-05-04&sig=abcDEF123%3D";
        var logs = new List<string>();
        var retry = new StorageRetry(Fast with { MaxAttempts = 2, Log = logs.Add }, ex => StorageFailure.Transient(ex.Message), new SecretScrubber([secret, "plainsecretvalue"]));

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => retry.RunAsync<int>("x", (_, _) =>
            throw new IOException($"failed with token {secret} and key plainsecretvalue"), CancellationToken.None));

        foreach (var text in logs.Append(error.Message))
        {
            Assert.DoesNotContain("abcDEF123", text);
            Assert.DoesNotContain("plainsecretvalue", text);
        }

        Assert.Single(logs);
    }
}
