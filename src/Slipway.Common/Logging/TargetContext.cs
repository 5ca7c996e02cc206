namespace Slipway.Logging;

/// <summary>The target whose code is running on this async flow (for log prefixes and summary notes).</summary>
internal static class TargetContext
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }
}
