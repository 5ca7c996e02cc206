using Serilog;
using Serilog.Events;
using Slipway.Hosts;

namespace Slipway.Logging;

/// <summary>Sets up Serilog's static <see cref="Log"/> for a build run.</summary>
internal static class BuildLog
{
    internal static ConsoleSink? Sink { get; private set; }

    public static void Configure(Host host, LogEventLevel minimumLevel, TextWriter? output = null)
    {
        if (s_maskHandler is not null) SecretMasker.Registered -= s_maskHandler;
        s_maskHandler = null;
        Sink = new ConsoleSink(host, output ?? Console.Out);
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimumLevel)
            .WriteTo.Sink(Sink)
            .CreateLogger();
    }

    /// <summary>Writes a raw line (workflow command, section marker) in order with log lines.</summary>
    public static void Raw(string? line)
    {
        if (line is null) return;
        if (Sink is null) Console.Out.WriteLine(SecretMasker.Apply(line));
        else Sink.WriteRaw(line);
    }

    /// <summary>Registers secrets with the host's own masking (GitHub's <c>::add-mask::</c>); the one place a secret is written as is.</summary>
    public static void RegisterMasks(Host host)
    {
        void Register(string secret)
        {
            if (host.MaskCommand(secret) is { } command) Sink?.WriteRaw(command, mask: false);
        }
        foreach (var secret in SecretMasker.All) Register(secret);
        if (s_maskHandler is not null) SecretMasker.Registered -= s_maskHandler;
        s_maskHandler = Register;
        SecretMasker.Registered += s_maskHandler;
    }

    private static Action<string>? s_maskHandler;
}
