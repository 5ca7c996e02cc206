using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.IO;
using Slipway.Targets;

namespace Slipway.Parameters;

/// <summary>Writes <c>.nuke/build.schema.json</c> so IDEs complete and check <c>parameters.json</c>.</summary>
internal static class SchemaWriter
{
    public static string Render(IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyList<BuildTarget> targets)
    {
        var targetNames = new JsonArray([.. targets.Where(t => !t.Definition.IsUnlisted).Select(t => (JsonNode)t.Name)]);
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
        };
        foreach (var p in parameters) properties[p.Name] = Describe(p);
        properties["Skip"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "Targets to skip",
            ["items"] = new JsonObject { ["type"] = "string", ["enum"] = targetNames.DeepClone() },
        };
        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Build Schema",
            ["type"] = "object",
            ["properties"] = properties,
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Writes the schema when its content changed; returns true when it wrote.</summary>
    public static bool WriteIfChanged(AbsolutePath file, string content)
    {
        if (file.FileExists() && file.ReadAllText() == content) return false;
        file.WriteAllText(content);
        return true;
    }

    private static JsonObject Describe(ParameterDescriptor p)
    {
        var node = TypeNode(p.Type);
        if (p.Description is not null) node["description"] = p.Description;
        return node;
    }

    private static JsonObject TypeNode(Type type)
    {
        if (type.IsArray) return new JsonObject { ["type"] = "array", ["items"] = TypeNode(type.GetElementType()!) };
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Enum.GetNames(t).Select(n => (JsonNode)n)]) };
        if (ObjectValue.Is(t)) return ObjectNode(t);
        var name = t == typeof(bool) ? "boolean"
            : t == typeof(int) || t == typeof(long) ? "integer"
            : t == typeof(double) ? "number"
            : "string";
        return new JsonObject { ["type"] = name };
    }

    private static JsonObject ObjectNode(Type type)
    {
        var properties = new JsonObject();
        foreach (var property in ObjectValue.Properties(type))
        {
            var node = TypeNode(property.PropertyType);
            if (ObjectValue.Description(property) is { } description) node["description"] = description;
            properties[property.Name] = node;
        }
        var required = ObjectValue.Properties(type).Where(ObjectValue.IsRequired).Select(p => (JsonNode)p.Name).ToArray();
        var result = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Length > 0) result["required"] = new JsonArray(required);
        result["additionalProperties"] = false;
        return result;
    }
}
