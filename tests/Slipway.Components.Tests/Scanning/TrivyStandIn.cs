using Slipway.Components.Images;
using Slipway.Components.Scanning;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Tests.Scanning;

/// <summary>
/// A repository in a temp directory with an image record, scanned through <c>tests/infra/trivy/trivy</c> (the
/// stand-in) with a findings preset. The stand-in's arguments are logged so tests can see what was scanned.
/// </summary>
internal sealed class TrivyStandIn : IDisposable
{
    public const string ImageId = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly TemporaryDirectory _temp = new("slipway-trivy");

    public TrivyStandIn(bool writeImageRecord = true)
    {
        Root.CreateDirectory();
        (Root / "Dockerfile").WriteAllText("FROM localhost:5000/sdk AS build\nRUN dotnet publish\n\nFROM localhost:5000/aspnet\nCOPY --from=build /app .\n");
        if (writeImageRecord)
        {
            new ImageRecord { ImageId = ImageId, LocalReference = "acme-orders:build", Image = "acme-orders", Created = DateTimeOffset.UtcNow }
                .Write(RecordFile);
        }
    }

    /// <summary>The stand-in script, or null with the reason when it cannot run here.</summary>
    public static string? UnavailableReason =>
        Tool.Find("jq") is null ? "the Trivy stand-in needs jq (apt-get install jq)"
        : Tool.Find("bash") is null ? "the Trivy stand-in needs bash"
        : null;

    public static string Script => RepositoryPaths.Root / "tests" / "infra" / "trivy" / "trivy";

    public AbsolutePath Root => _temp.Path / "repo";
    public AbsolutePath RecordFile => Root / "artifacts" / "image.json";
    public AbsolutePath OutputDirectory => Root / "artifacts" / "trivy";
    public AbsolutePath ArgsLog => _temp.Path / "trivy-args.log";

    /// <summary>Scans with the given findings preset (clean, critical-fixed, mixed) or crash mode.</summary>
    public Task<TrivyScanOutcome> ScanAsync(string findings, Severity threshold = Severity.High, bool ignoreUnfixed = false, bool crash = false) =>
        TrivyScanner.ScanAsync(new TrivyScanSettings
        {
            RootDirectory = Root,
            ImageRecordFile = RecordFile,
            OutputDirectory = OutputDirectory,
            Dockerfile = Root / "Dockerfile",
            Threshold = threshold,
            IgnoreUnfixed = ignoreUnfixed,
            Runner = TrivyRunner.Choose(Script, null, TrivyRunner.PinnedImage),
            Configure = c => c
                .WithEnvironment("TRIVY_STANDIN_FINDINGS", findings)
                .WithEnvironment("TRIVY_STANDIN_ARGS_LOG", ArgsLog)
                .WithEnvironment("TRIVY_STANDIN_CRASH", crash ? "1" : null),
        });

    public void Dispose() => _temp.Dispose();
}
