using System.Text.Json.Nodes;
using Slipway.Components.Sbom;

namespace Slipway.Components.Tests.Sbom;

public class BomValidatorTests
{
    private static JsonObject Document(string specVersion = "1.6", string components = """[ { "bom-ref": "pkg:nuget/A@1", "name": "A", "purl": "pkg:nuget/A@1" } ]""",
        string dependencies = """[ { "ref": "img", "dependsOn": [ "pkg:nuget/A@1" ] } ]""") =>
        JsonNode.Parse($$"""
            { "bomFormat": "CycloneDX", "specVersion": "{{specVersion}}", "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", "version": 1,
              "metadata": { "component": { "type": "container", "bom-ref": "img", "name": "acme-orders" } },
              "components": {{components}}, "dependencies": {{dependencies}} }
            """)!.AsObject();

    [Fact]
    public void A_well_formed_1_5_or_1_6_document_passes()
    {
        Assert.Empty(BomValidator.Problems(Document()));
        Assert.Empty(BomValidator.Problems(Document("1.5")));
    }

    [Fact]
    public void Another_spec_version_fails()
    {
        Assert.Contains(BomValidator.Problems(Document("1.7")), p => p.Contains("specVersion is '1.7'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_component_without_purl_fails_naming_it()
    {
        var problems = BomValidator.Problems(Document(components: """[ { "bom-ref": "x", "name": "Mystery", "version": "2" } ]""", dependencies: "[]"));

        Assert.Contains("component 0 (Mystery@2) has no purl", problems);
    }

    [Fact]
    public void A_purl_twice_and_a_dangling_dependency_fail()
    {
        var problems = BomValidator.Problems(Document(
            components: """[ { "bom-ref": "a", "name": "A", "purl": "pkg:nuget/A@1" }, { "bom-ref": "b", "name": "A", "purl": "pkg:nuget/A@1" } ]""",
            dependencies: """[ { "ref": "img", "dependsOn": [ "gone" ] } ]"""));

        Assert.Contains(problems, p => p.Contains("the purl pkg:nuget/A@1 is listed twice", StringComparison.Ordinal));
        Assert.Contains("'img' depends on 'gone', which is no component", problems);
    }

    [Fact]
    public void EnsureValid_fails_the_build_with_the_problems()
    {
        var document = Document(components: """[ { "bom-ref": "x", "name": "Mystery" } ]""", dependencies: "[]");

        var failure = Assert.Throws<BuildFailedException>(() => BomValidator.EnsureValid(document, "artifacts/sbom/acme-orders.cdx.json"));

        Assert.Contains("artifacts/sbom/acme-orders.cdx.json is not a valid CycloneDX 1.5/1.6 document", failure.Message, StringComparison.Ordinal);
        Assert.Contains("has no purl", failure.Message, StringComparison.Ordinal);
    }
}
