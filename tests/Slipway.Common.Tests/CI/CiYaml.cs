using Slipway.IO;
using YamlDotNet.RepresentationModel;

namespace Slipway.Common.Tests.CI;

/// <summary>Reads a generated CI file back with YamlDotNet.</summary>
internal static class CiYaml
{
    public static YamlMappingNode Load(AbsolutePath file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(file.ReadAllText()));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    /// <summary>The node at a path of mapping keys (strings) and sequence indexes (ints).</summary>
    public static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
            node = step is int i ? ((YamlSequenceNode)node)[i] : ((YamlMappingNode)node)[new YamlScalarNode((string)step)];
        return node;
    }

    public static bool Has(YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(new YamlScalarNode(key));
}
