namespace Slipway;

/// <summary>
/// A build failure with a message meant for the user: what went wrong and how to fix it. The engine prints
/// the message without a stack trace. Throw it from targets and components for expected failures.
/// </summary>
public class BuildFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BuildFailedException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public BuildFailedException(string message, Exception? inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public BuildFailedException() { }
}
