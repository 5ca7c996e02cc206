using System.Text.RegularExpressions;

namespace Slipway.CI;

/// <summary>
/// The image names of a CI file split into one job per image (GitHub's <c>ImageJobs</c>, GitLab's <c>ImageJobs</c>):
/// each job runs <c>PublishImage --images &lt;name&gt;</c> and hands over <see cref="HandOver"/>, which the final job's
/// <c>PublishSet</c> reads.
/// </summary>
internal static partial class CiImageJobs
{
    /// <summary>Where each image job leaves its record (<c>&lt;name&gt;/image.json</c>) for the final job.</summary>
    public const string HandOver = "artifacts/image-jobs/";

    /// <summary>
    /// The names, in order; an invalid name, a name given twice, or a platform split as well (<paramref name="platformSplit"/>
    /// names that property when it is set) is a usage error naming the attribute.
    /// </summary>
    public static IReadOnlyList<string> Parse(string attribute, IReadOnlyList<string> names, string? platformSplit)
    {
        if (platformSplit is not null)
            throw new BuildUsageException($"{attribute} sets both {platformSplit} and ImageJobs: a publish is split by platform or by image, not both. Drop one of them.");
        foreach (var name in names)
        {
            if (!Valid().IsMatch(name))
                throw new BuildUsageException($"{attribute} has ImageJobs entry '{name}': an image name is lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, as the repository names the image (e.g. \"contoso-api\").");
        }
        var twice = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new BuildUsageException($"{attribute} names the image {twice.Key} twice in ImageJobs: each image gets one job.");
        return names;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex Valid();
}
