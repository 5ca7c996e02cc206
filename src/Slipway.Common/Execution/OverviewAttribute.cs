namespace Slipway;

/// <summary>
/// Marks a property of a component (or of the build) whose lines <c>--help</c> and <c>--plan</c> show under
/// <see cref="Title"/>: what the build found to work on, e.g. the images of the repository. The property returns
/// <c>IEnumerable&lt;string&gt;</c>, one line each; it is read after the parameters are bound and must call no tool.
/// When it fails with a <see cref="BuildFailedException"/>, the section shows the message instead.
/// </summary>
/// <example><c>[Overview("Images")] IEnumerable&lt;string&gt; ImageOverview => ContainerImages.Select(i => i.Name);</c></example>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OverviewAttribute(string title) : Attribute
{
    /// <summary>The heading of the section, e.g. <c>Images</c>.</summary>
    public string Title { get; } = title;
}
