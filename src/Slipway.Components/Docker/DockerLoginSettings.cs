namespace Slipway.Components.Docker;

/// <summary>
/// The command line of the run's <c>docker login</c> to the destination registry, edited in
/// <see cref="IContainerImage.ConfigureDockerLogin(DockerLoginSettings)"/>. The password goes to docker on standard
/// input (<c>--password-stdin</c>), never as an argument, and is masked in the log and in <see cref="ToolSettings.ToString"/>.
/// </summary>
/// <example><c>DockerLoginSettings IContainerImage.ConfigureDockerLogin(DockerLoginSettings s) => s with { Username = "robot$ci" };</c></example>
public sealed record DockerLoginSettings : ToolSettings
{
    internal DockerLoginSettings(string server, string username, string password)
    {
        Server = server;
        Username = username;
        Password = password;
    }

    /// <summary>The registry host logged in to, e.g. <c>ghcr.io</c>.</summary>
    public string Server { get; }

    /// <summary>The user name (<c>--username</c>).</summary>
    public string Username { get; init; }

    /// <summary>The password or token, written to docker's standard input; never an argument, never shown.</summary>
    public string Password { get; init; }

    private protected override IEnumerable<string> RenderArguments() => ["login", Server, "--username", Username, "--password-stdin"];

    private protected override IEnumerable<string?> SecretValues() => [Password];
}
