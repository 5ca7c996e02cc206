namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>Build contexts of .NET repositories for the rules that read project files: path → content.</summary>
internal static class ProjectContexts
{
    /// <summary>A project file with the given <c>ProjectReference</c> includes, as written (<c>..\Lib\Lib.csproj</c>).</summary>
    public static string Project(string? assemblyName = null, params string[] references) =>
        "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n" +
        "  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n" +
        (assemblyName is null ? "" : $"    <AssemblyName>{assemblyName}</AssemblyName>\n") +
        "  </PropertyGroup>\n" +
        (references.Length == 0 ? "" : "  <ItemGroup>\n" + string.Concat(references.Select(r => $"    <ProjectReference Include=\"{r}\" />\n")) + "  </ItemGroup>\n") +
        "</Project>\n";

    /// <summary>
    /// The solution folder of <c>VisualStudio.Dockerfile</c>: Contoso.Api references Application (with <c>..\</c>, as Visual
    /// Studio writes it) and Infrastructure; Application references Domain; Infrastructure references Application and Domain.
    /// </summary>
    public static Dictionary<string, string> Contoso() => new(StringComparer.Ordinal)
    {
        ["Contoso.sln"] = Solution("src\\Contoso.Api\\Contoso.Api.csproj", "src\\Contoso.Application\\Contoso.Application.csproj"),
        [".dockerignore"] = LintHarness.GoodIgnore,
        ["src/Contoso.Api/Contoso.Api.csproj"] = Project(null, "..\\Contoso.Application\\Contoso.Application.csproj", "..\\Contoso.Infrastructure\\Contoso.Infrastructure.csproj"),
        ["src/Contoso.Api/Program.cs"] = "var app = WebApplication.Create(args);\napp.Run();\n",
        ["src/Contoso.Api/Dockerfile"] = "",
        ["src/Contoso.Application/Contoso.Application.csproj"] = Project(null, "..\\Contoso.Domain\\Contoso.Domain.csproj"),
        ["src/Contoso.Application/Orders.cs"] = "namespace Contoso.Application;\n",
        ["src/Contoso.Infrastructure/Contoso.Infrastructure.csproj"] = Project(null, "../Contoso.Application/Contoso.Application.csproj", "../Contoso.Domain/Contoso.Domain.csproj"),
        ["src/Contoso.Infrastructure/Database.cs"] = "namespace Contoso.Infrastructure;\n",
        ["src/Contoso.Domain/Contoso.Domain.csproj"] = Project(),
        ["src/Contoso.Domain/Order.cs"] = "namespace Contoso.Domain;\n",
    };

    /// <summary>The folder of <c>MultiProjectApp.Dockerfile</c>: App and Tests reference LibFoo and LibBar (Tests with <c>..\</c>).</summary>
    public static Dictionary<string, string> MultiProjectApp() => new(StringComparer.Ordinal)
    {
        ["Directory.Build.props"] = "<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n",
        ["NuGet.config"] = "<configuration><packageSources><add key=\"nuget\" value=\"https://api.nuget.org/v3/index.json\" /></packageSources></configuration>\n",
        ["App/App.csproj"] = Project(null, "../LibBar/LibBar.csproj", "../LibFoo/LibFoo.csproj"),
        ["App/Program.cs"] = "System.Console.WriteLine(LibFoo.Foo.Name);\n",
        ["LibFoo/LibFoo.csproj"] = Project(),
        ["LibFoo/Foo.cs"] = "namespace LibFoo;\n",
        ["LibBar/LibBar.csproj"] = Project(),
        ["LibBar/Bar.cs"] = "namespace LibBar;\n",
        ["Tests/Tests.csproj"] = Project(null, "..\\LibFoo\\LibFoo.csproj", "..\\LibBar\\LibBar.csproj"),
        ["Tests/FooTests.cs"] = "namespace Tests;\n",
    };

    /// <summary>A classic <c>.sln</c> listing the projects (paths with <c>\</c>) and a solution folder.</summary>
    public static string Solution(params string[] projects) =>
        "Microsoft Visual Studio Solution File, Format Version 12.00\n" +
        "Project(\"{2150E333-8FDC-42A3-9474-1A3956D46DE8}\") = \"src\", \"src\", \"{11111111-1111-1111-1111-111111111111}\"\nEndProject\n" +
        string.Concat(projects.Select(p =>
            $"Project(\"{{9A19103F-16F7-4668-BE54-9A1E7A4F7556}}\") = \"{Path.GetFileNameWithoutExtension(p.Replace('\\', '/'))}\", \"{p}\", \"{{22222222-2222-2222-2222-222222222222}}\"\nEndProject\n"));
}
