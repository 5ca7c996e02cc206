using System.Xml;
using System.Xml.Linq;

namespace Slipway.Components.Dockerfiles;

/// <summary>The passwords a <c>NuGet.config</c> holds in <c>&lt;packageSourceCredentials&gt;</c>.</summary>
internal static class NuGetConfigCredentials
{
    private static readonly string[] PasswordKeys = ["ClearTextPassword", "Password"];

    /// <summary>
    /// Each <c>&lt;add key="ClearTextPassword"|"Password" value="…"/&gt;</c> of a source whose value is a literal, not only
    /// an environment reference such as <c>%NUGET_AUTH_TOKEN%</c>. A file that is not XML yields none: NuGet cannot read it either.
    /// </summary>
    public static IEnumerable<FileCredential> Find(string text)
    {
        if (Parse(text) is not { } document) yield break;
        var credentials = document.Descendants().Where(e => Named(e, "packageSourceCredentials"));
        foreach (var source in credentials.Elements())
        {
            foreach (var add in source.Elements().Where(e => Named(e, "add")))
            {
                var key = Attribute(add, "key")?.Value;
                if (key is null || !PasswordKeys.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
                if (Attribute(add, "value") is not { } value || value.Value.Trim().Length == 0 || EnvironmentReference.IsOnlyReferences(value.Value)) continue;
                yield return new FileCredential(((IXmlLineInfo)value).LineNumber, $"a literal {key} for the source '{XmlConvert.DecodeName(source.Name.LocalName)}'");
            }
        }
    }

    private static XDocument? Parse(string text)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static bool Named(XElement element, string name) => string.Equals(element.Name.LocalName, name, StringComparison.OrdinalIgnoreCase);

    private static XAttribute? Attribute(XElement element, string name) =>
        element.Attributes().FirstOrDefault(a => string.Equals(a.Name.LocalName, name, StringComparison.OrdinalIgnoreCase));
}
