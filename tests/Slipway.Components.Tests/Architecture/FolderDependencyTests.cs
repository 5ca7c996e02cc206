using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Architecture;

/// <summary>
/// docs/architecture.md's folder tables hold for the code: every use of another folder's type is one its row allows, and
/// no folders reach each other except through the edges the table lists as known cycles.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly string[] Projects = ["Slipway.Common", "Slipway.Components"];

    private static (SourceGraph Graph, FolderRules Rules) Read()
    {
        var graph = SourceGraph.Read(RepositoryPaths.Root / "src", Projects);
        return (graph, FolderRules.Parse(File.ReadAllText(RepositoryPaths.Root / "docs" / "architecture.md"), graph));
    }

    [Fact]
    public void Every_folder_and_root_file_has_a_row_in_the_table()
    {
        var (graph, rules) = Read();
        var missing = graph.ProjectOf.Keys.Except(rules.Nodes).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md's folder table has no row for: " + string.Join(", ", missing) +
            ". Add one saying what it may use.");
    }

    [Fact]
    public void Every_dependency_between_folders_is_one_the_table_allows()
    {
        var (graph, rules) = Read();
        var refused = graph.Dependencies.Where(d => !rules.Allows(d.From, d.To)).Select(d => d.ToString()).ToList();
        Assert.True(refused.Count == 0, "Dependencies docs/architecture.md's folder table does not allow (move the type, " +
            "or change the table if the design changed):\n" + string.Join('\n', refused));
    }

    [Fact]
    public void No_folders_reach_each_other_beyond_the_listed_cycle_edges()
    {
        var (graph, rules) = Read();
        var message = Cycles(graph.Dependencies, rules);
        Assert.True(message.Length == 0, message);
    }

    [Fact]
    public void Every_listed_cycle_edge_is_still_in_the_code()
    {
        var (graph, rules) = Read();
        var stale = rules.CycleEdges.Where(e => !graph.Dependencies.Any(d => d.From == e.From && d.To == e.To)).ToList();
        Assert.True(stale.Count == 0, "Untied, so remove from docs/architecture.md's cycle table: " + string.Join(", ", stale.Select(e => $"{e.From} → {e.To}")));
    }

    [Fact]
    public void A_new_cycle_fails_naming_the_folders_and_the_files()
    {
        using var src = new TemporaryDirectory("slipway-architecture");
        Write(src.Path / "Slipway.Common" / "Hosts" / "Host.cs", "namespace Slipway.Hosts;\ninternal sealed class Host { Slipway.Logging.Sink? S; }\n");
        Write(src.Path / "Slipway.Common" / "Logging" / "Sink.cs", "using Slipway.Hosts;\n\nnamespace Slipway.Logging;\n// Mentions Clock in a comment only.\ninternal sealed class Sink { Host? H; string s = \"Clock\"; }\n");
        Write(src.Path / "Slipway.Common" / "Processes" / "Clock.cs", "namespace Slipway.Processes;\ninternal static class Clock;\n");
        Write(src.Path / "Slipway.Components" / "Images" / "IDockerBuild.cs", "namespace Slipway.Components.Images;\npublic interface IDockerBuild { Hosts.Host? Host => null; }\n");
        var graph = SourceGraph.Read(src.Path, Projects);
        var rules = FolderRules.Parse("""
            | Folder | May use |
            |---|---|
            | Hosts | nothing |
            | Logging, Processes | Hosts |
            | Images | Common |
            """, graph);

        Assert.Contains(graph.Dependencies, d => d is { From: "Images", To: "Hosts", Type: "Host" });
        Assert.DoesNotContain(graph.Dependencies, d => d.To == "Processes");
        var refused = graph.Dependencies.Where(d => !rules.Allows(d.From, d.To)).ToList();
        Assert.Equal("Hosts → Logging: src/Slipway.Common/Hosts/Host.cs uses Sink", Assert.Single(refused).ToString());
        var message = Cycles(graph.Dependencies, rules);
        Assert.Contains("Hosts, Logging", message, StringComparison.Ordinal);
        Assert.Contains("src/Slipway.Common/Hosts/Host.cs uses Sink", message, StringComparison.Ordinal);
        Assert.Contains("src/Slipway.Common/Logging/Sink.cs uses Host", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_naming_an_unknown_folder_is_an_error_naming_it()
    {
        var graph = SourceGraph.Read(RepositoryPaths.Root / "src", Projects);
        var error = Assert.Throws<FormatException>(() => FolderRules.Parse("| Folder | May use |\n|---|---|\n| Images | Imgaes |\n", graph));
        Assert.Contains("'Imgaes', which is no folder or root file under src/", error.Message, StringComparison.Ordinal);
    }

    private static string Cycles(IReadOnlyList<FolderDependency> dependencies, FolderRules rules)
    {
        var counted = dependencies.Where(d => !rules.CycleEdges.Contains((d.From, d.To))).ToList();
        var groups = DependencyCycles.Find(counted.Select(d => (d.From, d.To)));
        return string.Join("\n", groups.Select(g =>
            $"These reach each other: {string.Join(", ", g)}\n  " +
            string.Join("\n  ", counted.Where(d => g.Contains(d.From) && g.Contains(d.To)).Select(d => d.ToString()))));
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
