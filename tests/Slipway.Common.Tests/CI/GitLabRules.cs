using YamlDotNet.RepresentationModel;

namespace Slipway.Common.Tests.CI;

/// <summary>
/// GitLab's evaluation of the rules the writer emits, for a pipeline described by its predefined variables: the first
/// rule whose <c>if</c> matches (or that has no <c>if</c>) decides, <c>when: never</c> excludes, no match excludes.
/// </summary>
internal static class GitLabRules
{
    /// <summary>Whether the <c>workflow:rules</c> create the pipeline (a file without them: always).</summary>
    public static bool CreatesPipeline(YamlMappingNode file, IReadOnlyDictionary<string, string> values) =>
        !CiYaml.Has(file, "workflow") || Decide((YamlSequenceNode)CiYaml.At(file, "workflow", "rules"), values);

    /// <summary>
    /// The jobs a pipeline runs: none when the workflow rules drop it; a job with rules when they let it in; a job without
    /// rules always, except, without workflow rules, in a merge request pipeline (GitLab's default is branches and tags).
    /// </summary>
    public static IReadOnlyList<string> Jobs(YamlMappingNode file, IReadOnlyDictionary<string, string> values)
    {
        if (!CreatesPipeline(file, values)) return [];
        var mergeRequest = values.GetValueOrDefault("CI_PIPELINE_SOURCE") == "merge_request_event";
        return file.Children
            .Where(e => e.Value is YamlMappingNode job && CiYaml.Has(job, "script"))
            .Where(e => CiYaml.Has(e.Value, "rules")
                ? Decide((YamlSequenceNode)CiYaml.At(e.Value, "rules"), values)
                : !mergeRequest || CiYaml.Has(file, "workflow"))
            .Select(e => e.Key.ToString())
            .ToList();
    }

    /// <summary>
    /// The forms the writer uses: <c>$VARIABLE</c> (set and not empty), <c>$VARIABLE == "value"</c>, <c>!=</c> and
    /// <c>$VARIABLE =~ /regex/</c>, joined by <c>&amp;&amp;</c>.
    /// </summary>
    public static bool Matches(string condition, IReadOnlyDictionary<string, string> values) =>
        condition.Split("&&").Select(t => t.Trim()).All(term =>
        {
            if (term.Split("=~", 2, StringSplitOptions.TrimEntries) is [var name, var pattern])
            {
                var subject = values.GetValueOrDefault(name.TrimStart('$'), "");
                return subject.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(subject, pattern.Trim('/'));
            }
            var negated = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negated ? "!=" : "==", 2, StringSplitOptions.TrimEntries);
            var value = values.GetValueOrDefault(parts[0].TrimStart('$'), "");
            if (parts.Length == 1) return value.Length > 0;
            return (value == parts[1].Trim('"')) != negated;
        });

    public static Dictionary<string, string> Variables(string[] assignments) =>
        assignments.Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1], StringComparer.Ordinal);

    private static bool Decide(YamlSequenceNode rules, IReadOnlyDictionary<string, string> values)
    {
        // A rule without if matches every pipeline.
        var match = rules.Cast<YamlMappingNode>().FirstOrDefault(r => !CiYaml.Has(r, "if") || Matches(CiYaml.At(r, "if").ToString(), values));
        return match is not null && !(CiYaml.Has(match, "when") && CiYaml.At(match, "when").ToString() == "never");
    }
}
