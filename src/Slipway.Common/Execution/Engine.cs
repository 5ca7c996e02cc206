namespace Slipway.Execution;

internal static class Engine
{
    public static int Run<TBuild>(EngineOptions options, Func<TBuild, Target>[] defaultTargets)
        where TBuild : SlipwayBuild, new() => throw new NotImplementedException();
}
