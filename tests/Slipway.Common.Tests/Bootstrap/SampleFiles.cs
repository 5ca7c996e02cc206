namespace Slipway.Common.Tests.Bootstrap;

/// <summary>The files of the sample repository the bootstrap scripts are run in: a two-target build on the real engine.</summary>
internal static class SampleFiles
{
    /// <summary>The line the Greet target prints; tests change it to see that a recompiled build really runs.</summary>
    public const string Greeting = "GREETING: Hello";

    public const string GlobalJson = """
        {
          "sdk": {
            "version": "10.0.401",
            "rollForward": "latestFeature"
          }
        }
        """;

    public const string DirectoryBuildProps = """
        <Project>
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
        </Project>
        """;

    public static string BuildProject(string engineProject) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <RootNamespace></RootNamespace>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{engineProject}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>
    /// Greet (the default) prints a greeting and the root the engine found; Fail depends on it and fails.
    /// With SAMPLE_ARGS_FILE set, Main first writes its raw arguments there, NUL-separated.
    /// </summary>
    public const string BuildCs = $$"""
        using Slipway;

        sealed class Build : SlipwayBuild
        {
            public static int Main()
            {
                var argsFile = Environment.GetEnvironmentVariable("SAMPLE_ARGS_FILE");
                if (!string.IsNullOrEmpty(argsFile)) File.WriteAllText(argsFile, string.Join('\0', Environment.GetCommandLineArgs()[1..]));
                return Execute<Build>(x => x.Greet);
            }

            [Parameter("Who to greet")]
            readonly string Name = "world";

            Target Greet => _ => _
                .Description("Prints a greeting and the root directory")
                .Executes(() =>
                {
                    Console.WriteLine($"{{Greeting}}, {Name}!");
                    Console.WriteLine($"ROOT: {RootDirectory}");
                });

            Target Fail => _ => _
                .Description("Fails on purpose")
                .DependsOn(Greet)
                .Executes(() => throw new BuildFailedException("the Fail target failed on purpose"));
        }
        """;
}
