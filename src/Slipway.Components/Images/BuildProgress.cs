namespace Slipway.Components.Images;

/// <summary>Reads a build's progress output line by line: which steps ran, which were cached, and what failed.</summary>
internal abstract class BuildProgress
{
    private const int TailLines = 25;
    private readonly Lock _gate = new();
    private readonly Queue<string> _otherLines = new();

    /// <summary>Takes one line of the builder's progress output (its standard error).</summary>
    public void Accept(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_gate) Read(line);
    }

    /// <summary>The steps seen so far.</summary>
    public BuildSteps Steps
    {
        get
        {
            lock (_gate) return BuildSteps.From(Vertices());
        }
    }

    /// <summary>
    /// Vertices that failed without failing the build, as <c>name: error</c>: a cache export with
    /// <c>ignore-error=true</c> that could not reach or log in to the registry.
    /// </summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate) return [.. Failures().Select(f => $"{f.Name}: {f.Error}")];
        }
    }

    /// <summary>What went wrong, for the error of a failed build: the failed steps with the end of their output, and the builder's own messages.</summary>
    public string DescribeFailure()
    {
        lock (_gate)
        {
            var parts = new List<string>();
            foreach (var (name, error, tail) in Failures())
            {
                parts.Add($"step {name} failed: {error}");
                parts.AddRange(tail.Select(l => "    " + l));
            }
            if (_otherLines.Count > 0) parts.AddRange(_otherLines);
            return parts.Count == 0 ? "the builder reported no failed step" : string.Join('\n', parts);
        }
    }

    /// <summary>Handles one line (called under the lock).</summary>
    protected abstract void Read(string line);

    /// <summary>Every vertex seen: its name and whether it was reported cached.</summary>
    protected abstract IEnumerable<(string Name, bool Cached)> Vertices();

    /// <summary>The vertices that failed, with their error and the last lines of their output.</summary>
    protected abstract IEnumerable<(string Name, string Error, IReadOnlyCollection<string> Tail)> Failures();

    /// <summary>Keeps a line that is not progress (a warning, the failure summary) for <see cref="DescribeFailure"/>.</summary>
    protected void KeepOtherLine(string line)
    {
        _otherLines.Enqueue(line);
        if (_otherLines.Count > TailLines) _otherLines.Dequeue();
    }

    /// <summary>Appends to a bounded tail of lines.</summary>
    protected static void AddToTail(Queue<string> tail, string line)
    {
        ArgumentNullException.ThrowIfNull(tail);
        tail.Enqueue(line);
        if (tail.Count > TailLines) tail.Dequeue();
    }
}
