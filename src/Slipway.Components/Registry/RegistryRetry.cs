using Polly;
using Polly.Retry;
using Serilog;

namespace Slipway.Components.Registry;

/// <summary>A registry failure worth another attempt: connection refused or reset, timeouts, 5xx and 429 answers.</summary>
internal sealed class TransientRegistryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>How often, and how patiently, registry operations are retried.</summary>
internal sealed record RetrySettings(int MaxRetryAttempts, TimeSpan FirstDelay)
{
    /// <summary>5 retries, waiting 2, 4, 8, 16 and 32 seconds.</summary>
    public static RetrySettings Default { get; } = new(5, TimeSpan.FromSeconds(2));
}

/// <summary>Runs registry operations with exponential backoff on transient failures, then fails with a clear message.</summary>
internal static class RegistryRetry
{
    /// <summary>Runs <paramref name="action"/>; transient failures are retried, the last one becomes a <see cref="BuildFailedException"/>.</summary>
    public static async Task<T> RunAsync<T>(string what, RetrySettings settings, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(action);
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientRegistryException>(),
                MaxRetryAttempts = settings.MaxRetryAttempts,
                Delay = settings.FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                OnRetry = args =>
                {
                    Log.Warning("{What} failed: {Reason} — retry {Attempt} of {Max} in {Delay:0.#}s",
                        what, args.Outcome.Exception?.Message, args.AttemptNumber + 1, settings.MaxRetryAttempts, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async token => await action(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TransientRegistryException ex)
        {
            throw new BuildFailedException(
                $"{what} failed after {settings.MaxRetryAttempts + 1} attempts: {ex.Message}. " +
                "Nothing more was pushed. Check that the registry is reachable from this machine (address, network, proxy, the registry's status page) and run the build again.", ex);
        }
    }

    /// <summary>Whether a tool's or server's error text describes a failure that may pass by itself.</summary>
    public static bool LooksTransient(string errorText)
    {
        ArgumentNullException.ThrowIfNull(errorText);
        string[] markers =
        [
            "connection refused", "connection reset", "i/o timeout", "timeout", "timed out", "tls handshake", "eof",
            "no such host", "temporary failure", "network is unreachable", "broken pipe", "too many requests", "toomanyrequests",
            "500 internal server error", "502 bad gateway", "503 service unavailable", "504 gateway", "service unavailable",
        ];
        return markers.Any(m => errorText.Contains(m, StringComparison.OrdinalIgnoreCase));
    }
}
