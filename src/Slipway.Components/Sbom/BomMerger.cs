using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Components.Sbom;

/// <summary>What goes into the image's SBOM besides the CycloneDX tool's document.</summary>
internal sealed record BomMergeInput
{
    /// <summary>The CycloneDX JSON the dotnet tool wrote for the service project.</summary>
    public required string ToolBom { get; init; }

    /// <summary>The image's OS packages; null when it has no package database.</summary>
    public OsPackages? Os { get; init; }

    /// <summary>The container component that becomes <c>metadata.component</c>, and its bom-ref.</summary>
    public required JsonObject Container { get; init; }

    /// <summary>The bom-ref of <see cref="Container"/>.</summary>
    public required string ContainerRef { get; init; }

    /// <summary>The document's <c>metadata.timestamp</c>: the image's created time; null keeps the tool's.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Slipway's version, listed among <c>metadata.tools</c>; null lists no Slipway entry.</summary>
    public string? SlipwayVersion { get; init; }
}

/// <summary>The merged SBOM and how many NuGet and OS packages it lists.</summary>
internal sealed record MergedBom(JsonObject Document, int NuGetPackages, int OsPackages)
{
    private static readonly JsonSerializerOptions s_writeOptions = new()
    {
        WriteIndented = true,
        // A file, not HTML: "+" in a Debian version stays "+" instead of "\u002B".
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => Document.ToJsonString(s_writeOptions) + "\n";
}

/// <summary>
/// Merges the CycloneDX tool's document of the service's NuGet packages with the image's OS packages into one SBOM
/// of the image: <c>metadata.component</c> becomes the container (the tool's project root in the dependency graph is
/// re-pointed at it), the OS packages are added as <c>library</c> components with <c>pkg:deb</c> purls that the container
/// depends on, components are deduplicated by purl (references to a dropped duplicate follow the kept one), the tool's
/// dependency graph is kept, and the serial number is derived from the content so that one image gives one document.
/// </summary>
internal static class BomMerger
{
    public const string DebSourceProperty = "slipway:deb:source";
    public const string DebSourceVersionProperty = "slipway:deb:source-version";

    public static MergedBom Merge(BomMergeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tool = ParseTool(input.ToolBom);
        var toolMetadata = tool["metadata"] as JsonObject;
        var toolRootRef = (toolMetadata?["component"] as JsonObject)?["bom-ref"]?.GetValue<string>();

        var refMap = new Dictionary<string, string>(StringComparer.Ordinal);
        if (toolRootRef is not null) refMap[toolRootRef] = input.ContainerRef;
        var components = new List<JsonObject>();
        var byPurl = new Dictionary<string, string>(StringComparer.Ordinal); // purl → kept bom-ref

        foreach (var node in tool["components"] as JsonArray ?? [])
        {
            if (node is not JsonObject component) continue;
            var purl = Text(component, "purl");
            var bomRef = Text(component, "bom-ref") ?? purl;
            if (purl is not null && byPurl.TryGetValue(purl, out var kept))
            {
                if (bomRef is not null) refMap[bomRef] = kept;
                continue;
            }
            var copy = (JsonObject)component.DeepClone();
            if (bomRef is not null && Text(copy, "bom-ref") is null) copy["bom-ref"] = bomRef;
            if (purl is not null && bomRef is not null) byPurl[purl] = bomRef;
            components.Add(copy);
        }
        var nuget = components.Count(c => Text(c, "purl")?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true);

        var osRefs = new List<string>();
        if (input.Os is { } os)
        {
            foreach (var package in os.Packages.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Architecture, StringComparer.Ordinal))
            {
                var purl = os.PurlOf(package);
                if (byPurl.ContainsKey(purl)) continue;
                byPurl[purl] = purl;
                osRefs.Add(purl);
                components.Add(OsComponent(package, purl));
            }
        }

        var specVersion = Text(tool, "specVersion") ?? CycloneDxTool.SpecVersion;
        var body = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = specVersion,
            ["version"] = 1,
            ["metadata"] = Metadata(toolMetadata, input),
            ["components"] = new JsonArray([.. components]),
            ["dependencies"] = Dependencies(tool["dependencies"] as JsonArray, refMap, input.ContainerRef, osRefs),
        };
        // The serial number names the content: the same image with the same packages gives the same document.
        var document = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = specVersion,
            ["serialNumber"] = SerialNumber(body.ToJsonString()),
            ["version"] = 1,
        };
        foreach (var key in new[] { "metadata", "components", "dependencies" })
        {
            var value = body[key];
            body.Remove(key);
            document[key] = value;
        }
        return new MergedBom(document, nuget, osRefs.Count);
    }

    /// <summary>A <c>urn:uuid:</c> serial number derived from the document's text (an RFC 9562 version 8 UUID of its SHA-256).</summary>
    internal static string SerialNumber(string content)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(content))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        var hex = Convert.ToHexStringLower(bytes);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static JsonObject ParseTool(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new BuildFailedException("The CycloneDX tool's output is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new BuildFailedException($"The CycloneDX tool's output is not valid JSON ({ex.Message}).", ex);
        }
    }

    private static JsonObject OsComponent(DebianPackage package, string purl)
    {
        var component = new JsonObject
        {
            ["type"] = "library",
            ["bom-ref"] = purl,
            ["name"] = package.Name,
            ["version"] = package.Version,
            ["purl"] = purl,
        };
        component["properties"] = ContainerComponent.Properties([
            (DebSourceProperty, package.SourceName),
            (DebSourceVersionProperty, package.SourceVersion),
        ]);
        return component;
    }

    private static JsonObject Metadata(JsonObject? toolMetadata, BomMergeInput input)
    {
        var metadata = new JsonObject();
        var timestamp = input.Timestamp is { } created && created > DateTimeOffset.UnixEpoch
            ? created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Text(toolMetadata, "timestamp");
        if (timestamp is not null) metadata["timestamp"] = timestamp;

        var tools = (toolMetadata?["tools"] as JsonObject)?["components"] is JsonArray toolComponents
            ? (JsonArray)toolComponents.DeepClone()
            : [];
        if (input.SlipwayVersion is { } version)
            tools.Add(new JsonObject { ["type"] = "application", ["name"] = "Slipway", ["version"] = version });
        metadata["tools"] = new JsonObject { ["components"] = tools };
        metadata["component"] = input.Container.DeepClone();
        return metadata;
    }

    private static JsonArray Dependencies(JsonArray? toolDependencies, Dictionary<string, string> refMap, string containerRef, List<string> osRefs)
    {
        string Map(string reference) => refMap.TryGetValue(reference, out var mapped) ? mapped : reference;
        var entries = new List<(string Ref, List<string> DependsOn)>();
        var byRef = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string reference, IEnumerable<string> dependsOn)
        {
            if (!byRef.TryGetValue(reference, out var list))
            {
                list = [];
                byRef[reference] = list;
                entries.Add((reference, list));
            }
            foreach (var d in dependsOn.Where(d => d != reference && !list.Contains(d, StringComparer.Ordinal))) list.Add(d);
        }

        Add(containerRef, []);
        foreach (var node in toolDependencies ?? [])
        {
            if (node is not JsonObject entry || Text(entry, "ref") is not { } reference) continue;
            var dependsOn = (entry["dependsOn"] as JsonArray ?? []).Select(d => d?.GetValue<string>()).OfType<string>().Select(Map);
            Add(Map(reference), dependsOn);
        }
        Add(containerRef, osRefs);
        foreach (var os in osRefs) Add(os, []);

        return new JsonArray([.. entries.Select(e =>
        {
            var entry = new JsonObject { ["ref"] = e.Ref };
            if (e.DependsOn.Count > 0) entry["dependsOn"] = new JsonArray([.. e.DependsOn.Select(d => (JsonNode)d)]);
            return (JsonNode)entry;
        })]);
    }

    private static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
