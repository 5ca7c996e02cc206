using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class AptGetRuleTests
{
    private static readonly AptGetRule Apt = new();

    private static IReadOnlyList<string> SortedIds(string run) =>
        Ids(Apt, Lines("FROM img", run)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Cache_mounts_on_var_lib_apt_and_var_cache_apt_count_as_list_cleanup() =>
        Assert.Empty(SortedIds(
            "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked " +
            "apt-get update && apt-get install -y --no-install-recommends curl"));

    [Theory]
    [InlineData("RUN apt-get update && apt-get install -y --no-install-recommends curl")]
    [InlineData("RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl")]
    [InlineData("RUN --mount=type=bind,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends curl")]
    [InlineData("RUN --mount=type=cache,target=/var/lib/apt/lists/partial apt-get install -y --no-install-recommends curl")]
    public void Still_warns_when_neither_cleanup_nor_a_cache_mount_covers_the_lists(string run) =>
        Assert.Equal(["DL3009"], SortedIds(run));

    [Theory]
    [InlineData("RUN apt-get -y install curl")]
    [InlineData("RUN apt-get -qq install curl")]
    [InlineData("RUN apt-get -o Dpkg::Options::=--force-confold install -y curl")]
    [InlineData("RUN apt-get --option Acquire::Retries=3 -y install curl")]
    [InlineData("RUN aptitude install -y curl")]
    [InlineData("RUN [\"apt-get\", \"-o\", \"Acquire::Retries=3\", \"install\", \"curl\"]")]
    public void Checks_installs_with_options_before_the_verb_and_aptitude(string run) =>
        Assert.Equal(["DL3009", "DL3015"], SortedIds(run));

    [Theory]
    [InlineData("RUN apt-get -o APT::Install-Recommends=false install -y curl && rm -rf /var/lib/apt/lists/*")]
    [InlineData("RUN apt-get -y --option APT::Install-Recommends=0 install curl && rm -rf /var/lib/apt/lists/*")]
    [InlineData("RUN aptitude install -y --without-recommends curl && rm -rf /var/lib/apt/lists/*")]
    [InlineData("RUN aptitude -R install -y curl && rm -rf /var/lib/apt/lists/*")]
    public void Accepts_recommends_turned_off_by_option(string run) =>
        Assert.Empty(SortedIds(run));

    [Fact]
    public void An_apt_install_recommends_option_that_is_true_still_warns() =>
        Assert.Equal(["DL3015"], SortedIds("RUN apt-get -o APT::Install-Recommends=true install -y curl && rm -rf /var/lib/apt/lists/*"));

    [Fact]
    public void The_no_recommends_message_names_the_tool() =>
        Assert.Contains(Run(Apt, Lines("FROM img", "RUN aptitude install -y curl")), f => f.Id == "DL3015" && f.Message.StartsWith("aptitude install", StringComparison.Ordinal));

    [Fact]
    public void Ignores_apt_commands_that_do_not_install() =>
        Assert.Empty(SortedIds("RUN apt-get -o Acquire::Retries=3 update && aptitude search curl"));
    // Every case of hadolint's DL3009 spec (test/Hadolint/Rule/DL3009Spec.hs, 2.9 to 2.14), FROM added where it has none.
    [Theory]
    [InlineData(true, "FROM scratch", "RUN apt-get update && apt-get install python")]
    [InlineData(false, "FROM ubuntu as foo", "RUN apt-get update && apt-get install python", "FROM scratch", "RUN echo hey!")]
    [InlineData(true, "FROM ubuntu as foo", "RUN hey!", "FROM scratch", "RUN apt-get update && apt-get install python")]
    [InlineData(true, "FROM ubuntu as foo", "RUN apt-get update && apt-get install python", "FROM foo", "RUN hey!")]
    [InlineData(false, "FROM ubuntu as foo", "RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*", "FROM foo", "RUN hey!")]
    [InlineData(false, "FROM ubuntu as foo", "RUN apt-get update && apt-get install python", "FROM scratch", "RUN hey!")]
    [InlineData(false, "FROM scratch", "RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*")]
    [InlineData(false, "FROM scratch", "RUN --mount=type=cache,target=/var/lib/apt/lists \\", "    apt-get update && apt-get install python")]
    [InlineData(false, "FROM scratch", "RUN --mount=type=cache,target=/var/lib/apt \\", "    --mount=type=cache,target=/var/cache/apt \\",
        "    rm -f /etc/apt/apt.conf.d/docker-clean && \\", "    apt-get update && apt-get install python")]
    [InlineData(false, "FROM scratch", "RUN rm -f /etc/apt/apt.conf.d/docker-clean", "RUN --mount=type=cache,target=/var/cache/apt \\",
        "    --mount=type=cache,target=/var/lib/apt \\", "    apt-get update && apt-get install foo")]
    [InlineData(true, "FROM scratch", "RUN --mount=type=cache,target=/var/cache/apt \\", "    rm -f /etc/apt/apt.conf.d/docker-clean && \\",
        "    apt-get update && apt-get install python")]
    [InlineData(true, "FROM scratch", "RUN rm -f /etc/apt/apt.conf.d/docker-clean", "RUN --mount=type=cache,target=/var/lib/apt \\",
        "    apt-get update && apt-get install python")]
    public void Agrees_with_every_case_of_hadolints_DL3009_spec(bool warns, params string[] lines) =>
        Assert.Equal(warns, Ids(Apt, Lines(lines)).Contains("DL3009"));

    [Fact]
    public void A_tmpfs_mount_keeps_the_lists_out_like_a_cache_mount() =>
        Assert.Empty(SortedIds("RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends curl"));
}
