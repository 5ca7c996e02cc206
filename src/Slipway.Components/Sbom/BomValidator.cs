using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Slipway.Components.Sbom;

/// <summary>
/// The checks a written SBOM passes: CycloneDX (<c>bomFormat</c>) 1.5 or 1.6 (<c>specVersion</c>), a <c>urn:uuid</c> serial
/// number, a <c>container</c> as <c>metadata.component</c>, every component with a purl and a unique bom-ref, no purl
/// twice, and every reference of the dependency graph naming a component or the container.
/// </summary>
internal static partial class BomValidator
{
    public static readonly IReadOnlySet<string> SupportedSpecVersions = new HashSet<string>(StringComparer.Ordinal) { "1.5", "1.6" };

    /// <summary>The problems of the document; empty when it passes.</summary>
    public static IReadOnlyList<string> Problems(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        if (Text(document, "bomFormat") != "CycloneDX") problems.Add($"bomFormat is '{Text(document, "bomFormat")}', not 'CycloneDX'");
        var spec = Text(document, "specVersion");
        if (spec is null || !SupportedSpecVersions.Contains(spec)) problems.Add($"specVersion is '{spec}', not 1.5 or 1.6");
        if (Text(document, "serialNumber") is { } serial && !SerialNumber().IsMatch(serial)) problems.Add($"serialNumber '{serial}' is not a urn:uuid");

        var refs = new HashSet<string>(StringComparer.Ordinal);
        var container = (document["metadata"] as JsonObject)?["component"] as JsonObject;
        if (container is null) problems.Add("metadata.component is missing");
        else
        {
            if (Text(container, "type") != "container") problems.Add($"metadata.component is a '{Text(container, "type")}', not a container");
            if (Text(container, "name") is null) problems.Add("metadata.component has no name");
            if (Text(container, "bom-ref") is { } containerRef) refs.Add(containerRef);
        }

        var purls = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var node in document["components"] as JsonArray ?? [])
        {
            var component = node as JsonObject;
            var label = $"component {index++} ({Text(component, "name") ?? "no name"}@{Text(component, "version") ?? "no version"})";
            if (Text(component, "purl") is not { } purl) problems.Add($"{label} has no purl");
            else if (!purl.StartsWith("pkg:", StringComparison.Ordinal)) problems.Add($"{label} has the purl '{purl}', which does not start with 'pkg:'");
            else if (!purls.Add(purl)) problems.Add($"{label}: the purl {purl} is listed twice");
            if (Text(component, "bom-ref") is not { } bomRef) problems.Add($"{label} has no bom-ref");
            else if (!refs.Add(bomRef)) problems.Add($"{label}: the bom-ref {bomRef} is used twice");
        }

        foreach (var node in document["dependencies"] as JsonArray ?? [])
        {
            var reference = Text(node as JsonObject, "ref");
            if (reference is null || !refs.Contains(reference)) problems.Add($"the dependency graph names '{reference}', which is no component");
            foreach (var target in (node as JsonObject)?["dependsOn"] as JsonArray ?? [])
            {
                var name = target?.GetValue<string>();
                if (name is null || !refs.Contains(name)) problems.Add($"'{reference}' depends on '{name}', which is no component");
            }
        }
        return problems;
    }

    /// <summary>Fails naming the first problems when the document does not pass.</summary>
    public static void EnsureValid(JsonObject document, string file)
    {
        var problems = Problems(document);
        if (problems.Count == 0) return;
        throw new BuildFailedException(
            $"The SBOM {file} is not a valid CycloneDX 1.5/1.6 document ({problems.Count} problem(s)): " +
            string.Join("; ", problems.Take(10)) + (problems.Count > 10 ? "; …" : "") + ".");
    }

    private static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    [GeneratedRegex("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex SerialNumber();
}
