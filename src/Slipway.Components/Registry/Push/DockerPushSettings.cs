namespace Slipway.Components.Registry;

/// <summary>
/// The command line of each <c>docker push</c> the Push target runs, one per tag, edited in
/// <see cref="IPush.ConfigurePush(DockerPushSettings)"/>. The reference is read back after the push, so it can be read
/// here but not changed.
/// </summary>
/// <example><c>DockerPushSettings IPush.ConfigurePush(DockerPushSettings s) => s with { DisableContentTrust = true };</c></example>
public sealed record DockerPushSettings : ToolSettings
{
    internal DockerPushSettings(string reference) => Reference = reference;

    /// <summary>The reference pushed, <c>registry/repository:tag</c>.</summary>
    public string Reference { get; }

    /// <summary>Skips image signing by Docker Content Trust (<c>--disable-content-trust</c>) where <c>DOCKER_CONTENT_TRUST</c> turns it on.</summary>
    public bool DisableContentTrust { get; init; }

    private protected override IEnumerable<string> RenderArguments()
    {
        yield return "push";
        if (DisableContentTrust) yield return "--disable-content-trust";
        yield return Reference;
    }
}
