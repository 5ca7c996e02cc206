namespace Slipway.Hosts;

internal sealed class TerminalHost(IReadOnlyDictionary<string, string> environment, bool outputRedirected) : Host(environment)
{
    public override string Name => "Terminal";
    public override bool IsServerBuild => false;
    public override bool SupportsColor => !outputRedirected && Get("NO_COLOR") is null && Get("TERM") != "dumb";
}

internal sealed class GenericCiHost(IReadOnlyDictionary<string, string> environment) : Host(environment)
{
    public override string Name => "Ci";
}
