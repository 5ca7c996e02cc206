namespace Slipway.Parameters;

/// <summary>
/// The command line split into target names (words before the first option) and options
/// (<c>--name value…</c>; a flag has no values). Option names keep their spelling for error messages.
/// </summary>
internal sealed class CommandLine
{
    private CommandLine(IReadOnlyList<string> targets, IReadOnlyList<CommandLineOption> options)
    {
        Targets = targets;
        Options = options;
    }

    public IReadOnlyList<string> Targets { get; }
    public IReadOnlyList<CommandLineOption> Options { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var targets = new List<string>();
        var options = new List<CommandLineOption>();
        CommandLineOption? current = null;
        foreach (var arg in args)
        {
            if (IsOptionName(arg))
            {
                var name = arg.TrimStart('-');
                string? inline = null;
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    inline = name[(eq + 1)..];
                    name = name[..eq];
                }
                current = new CommandLineOption(arg.StartsWith("--", StringComparison.Ordinal) ? "--" + name : "-" + name, []);
                if (inline is not null) current.Values.Add(inline);
                options.Add(current);
            }
            else if (current is null) targets.Add(arg);
            else current.Values.Add(arg);
        }
        return new CommandLine(targets, options);
    }

    // An option name starts with one or two dashes and a letter: "-1", "--" alone and a PEM block's "-----BEGIN …" are values.
    private static bool IsOptionName(string arg) =>
        arg.Length > 1 && arg[0] == '-' && (arg[1] == '-' ? arg.Length > 2 && char.IsLetter(arg[2]) : char.IsLetter(arg[1]));
}

/// <summary>One option and the values that followed it.</summary>
internal sealed record CommandLineOption(string Spelling, List<string> Values)
{
    public string Normalized => Parameters.ParameterDescriptor.Normalize(Spelling);
}
