/// <summary>
/// The build of this repository: ./build.sh Publish restores, compiles and tests the solution, lints the Dockerfile,
/// builds the image, scans it with Trivy, writes its SBOM, tags it with the GitVersion version, pushes it and signs the
/// pushed digest with its SBOM, provenance and scan verdict attached. Verify, Promote and Rescan work on the published
/// digest. ./build.sh --help lists every target and parameter. A local run writes each CI file the attributes below
/// declare when it is missing; the file is yours from then on (./build.sh --update-ci-files re-renders it on request).
/// </summary>
//#if (GitHub)
// Keyless signing: the job's OIDC identity (id-token: write) gets a short-lived certificate; no key to keep.
// ReleaseEnvironment = "release" makes v* tag runs wait for that GitHub environment's protection rules.
[GitHubActions("publish",
    InvokedTargets = ["Publish"],
    Permissions = ["contents: read", "packages: write", "security-events: write", "id-token: write"],
    Secrets = ["GITHUB_TOKEN"],
    Variables = ["SIGN_KEYLESS=true"],
    SetupBuildx = true,
    InstallCosign = true,
    TrivyCacheDirectory = ".nuke/temp/trivy-cache",
    SarifFile = "artifacts/trivy/trivy.sarif",
    ArtifactPaths = ["artifacts/"])]
// Every day, the newest release is scanned with a fresh vulnerability database and its new verdict attached.
[GitHubActions("rescan",
    Schedule = ["23 5 * * *"],
    OnPushBranches = [],
    OnPushTags = [],
    OnPullRequestBranches = [],
    InvokedTargets = ["Rescan"],
    Permissions = ["contents: read", "packages: write", "security-events: write", "id-token: write"],
    Secrets = ["GITHUB_TOKEN"],
    Variables = ["SIGN_KEYLESS=true", "ATTACH_VERDICT=true"],
    InstallCosign = true,
    TrivyCacheDirectory = ".nuke/temp/trivy-cache",
    SarifFile = "artifacts/trivy/rescan/trivy.sarif",
    ArtifactPaths = ["artifacts/"])]
//#endif
//#if (GitLab)
// Keyless signing: the job's OIDC token for Sigstore (id_tokens) gets a short-lived certificate; no key to keep.
// The docker client and buildx come from the pinned dind image; BuildKit and Trivy are pinned by digest (point
// BUILDKIT_IMAGE and TRIVY_IMAGE at a mirror to avoid Docker Hub's anonymous pull limits).
[GitLabCi(
    InvokedTargets = ["Publish"],
    Image = "mcr.microsoft.com/dotnet/sdk:10.0.401-noble@sha256:35d40304542c8689331f8cab17c65926cdf48fe711e289321d71924b230a7d29",
    Services = ["docker:27-dind@sha256:aa3df78ecf320f5fafdce71c659f1629e96e9de0968305fe1de670e0ca9176ce"],
    DockerClientFromService = true,
    Variables = ["DOCKER_HOST=tcp://docker:2376", "DOCKER_TLS_CERTDIR=/certs", "DOCKER_TLS_VERIFY=1", "DOCKER_CERT_PATH=/certs/client",
        "REGISTRY=$CI_REGISTRY_IMAGE", "SIGN_KEYLESS=true",
        "BUILDKIT_IMAGE=moby/buildkit:v0.29.0@sha256:0039c1d47e8748b5afea56f4e85f14febaf34452bd99d9552d2daa82262b5cc5",
        "TRIVY_IMAGE=aquasec/trivy:0.69.3@sha256:bcc376de8d77cfe086a917230e818dc9f8528e3c852f7b1aff648949b6258d1c"],
    BeforeScript = ["docker buildx create --name slipway --driver docker-container --driver-opt network=host --driver-opt \"image=$BUILDKIT_IMAGE\""],
    IdTokens = ["SIGSTORE_ID_TOKEN=sigstore"],
    CosignRelease = "v2.5.3",
    CosignSha256 = "783b5d6c74105401c63946c68d9b2a4e1aab3c8abce043e06b8510b02b623ec9",
    NuGetPackages = ".nuget/packages",
    TrivyCache = ".nuke/temp/trivy-cache",
    Timeout = "45 minutes",
    ContainerScanningReport = "artifacts/trivy/gl-container-scanning-report.json",
    ArtifactPaths = ["artifacts/"],
    ScheduledTargets = ["Rescan"],
    AvoidDuplicatePipelines = true)]
//#endif
// Each component below adds targets; removing one removes them (the steps of Publish come with IPublish, not one by one).
// Every Slipway namespace is a global using of the Slipway.Components package, so this file needs no using line.
sealed class Build : SlipwayBuild,
    IPublish,           // Publish: Restore, Compile, Test, DockerLint, DockerBuild, TrivyScan, Sbom, Tag, Push, Sign
    IPublishPlatforms,  // PublishPlatform and PublishIndex: one publish split across native runners (brings IPublish with it)
    IPublishImageJobs,  // PublishImage and PublishSet: one publish split into one job per image, released as one set
    IPromote,           // Verify and Promote: check the published digest, copy it with its evidence to another registry
    IRescan,            // Rescan: scan the published digest again with a fresh vulnerability database
    IPinBaseImages,     // PinBaseImages: move the Dockerfile's base images to the newest digest of their tags
    IAddDockerfile      // AddDockerfile: a Dockerfile in the template's pattern for a service project that has none (--project)
{
    /// <summary>Runs the build; Publish is the default target.</summary>
    public static int Main() => Execute<Build>(x => ((IPublish)x).Publish);

    // Opting out of a step of Publish is a parameter, and ./build.sh --plan shows the step skipped. To publish unsigned
    // (no signature, no attestations), uncomment this, or set "SkipSign": true in .nuke/parameters.json, or pass --skip-sign:
    // bool ISign.SkipSign => true;
}
