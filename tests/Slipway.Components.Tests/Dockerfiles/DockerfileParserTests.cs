using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class DockerfileParserTests
{
    [Fact]
    public void Joins_continuation_lines_and_keeps_the_first_and_last_line_numbers()
    {
        var df = DockerfileParser.Parse(Lines("FROM scratch", "RUN apt-get update && \\", "    apt-get install -y curl \\  ", "    && echo done", "USER 1"));

        var run = df.Instructions[1];
        Assert.Equal("RUN", run.Keyword);
        Assert.Equal("apt-get update &&     apt-get install -y curl     && echo done", run.Arguments);
        Assert.Equal((2, 4), (run.Line, run.EndLine));
        Assert.Equal(5, df.Instructions[2].Line);
    }

    [Fact]
    public void Drops_comment_and_empty_lines_inside_a_continuation()
    {
        var df = DockerfileParser.Parse(Lines("FROM scratch", "RUN echo a \\", "# a comment", "", "  # indented comment", "  && echo b"));

        Assert.Equal("echo a   && echo b", df.Instructions[1].Arguments);
        Assert.Equal(6, df.Instructions[1].EndLine);
        Assert.Equal(2, df.Instructions.Count);
    }

    [Fact]
    public void Escape_directive_switches_continuations_to_backtick()
    {
        var df = DockerfileParser.Parse(Lines("# escape=`", "FROM scratch", "WORKDIR C:\\app", "RUN echo a `", "    b"));

        Assert.Equal('`', df.EscapeCharacter);
        Assert.Equal("C:\\app", df.Instructions[1].Arguments);
        Assert.Equal("echo a     b", df.Instructions[2].Arguments);
        Assert.Empty(df.Errors);
    }

    [Fact]
    public void Directive_after_a_comment_is_just_a_comment()
    {
        var df = DockerfileParser.Parse(Lines("# hello", "# escape=`", "FROM scratch", "RUN echo a `", "RUN echo b"));

        Assert.Equal('\\', df.EscapeCharacter);
        Assert.Empty(df.Directives);
        Assert.Equal(3, df.Instructions.Count);
    }

    [Fact]
    public void Rejects_an_escape_directive_that_is_not_backslash_or_backtick()
    {
        var df = DockerfileParser.Parse(Lines("# escape=!", "FROM scratch"));

        var error = Assert.Single(df.Errors);
        Assert.Equal((DockerfileParser.ParseErrorId, 1), (error.Id, error.Line));
    }

    [Fact]
    public void Reads_heredoc_bodies_and_continues_after_the_delimiter()
    {
        var df = DockerfileParser.Parse(Lines(
            "FROM scratch",
            "RUN <<EOF",
            "set -e",
            "# not a comment here",
            "apt-get update \\",
            "EOF",
            "COPY <<-'CONF' /etc/app.conf",
            "\tkey=value",
            "\tCONF",
            "USER 1"));

        var run = df.Instructions[1];
        Assert.Equal("set -e\n# not a comment here\napt-get update \\", Assert.Single(run.Heredocs).Body);
        Assert.Equal((2, 6), (run.Line, run.EndLine));
        var copy = df.Instructions[2];
        Assert.Equal(("CONF", "key=value"), (copy.Heredocs[0].Name, copy.Heredocs[0].Body));
        Assert.Equal("USER", df.Instructions[3].Keyword);
        Assert.Equal(10, df.Instructions[3].Line);
    }

    [Fact]
    public void Reads_several_heredocs_of_one_instruction_in_order()
    {
        var df = DockerfileParser.Parse(Lines("FROM scratch", "RUN <<A bash && <<\"B\" sh", "echo a", "A", "echo b", "B"));

        Assert.Equal(["echo a", "echo b"], df.Instructions[1].Heredocs.Select(h => h.Body));
    }

    [Fact]
    public void Reports_an_unterminated_heredoc()
    {
        var df = DockerfileParser.Parse(Lines("FROM scratch", "RUN <<EOF", "echo a"));

        Assert.Contains(df.Errors, e => e.Line == 2 && e.Message.Contains("<<EOF", StringComparison.Ordinal));
    }

    [Fact]
    public void Tells_json_form_from_shell_form()
    {
        var df = DockerfileParser.Parse(Lines("FROM scratch", "CMD [\"dotnet\", \"App.dll\"]", "ENTRYPOINT dotnet App.dll", "CMD [dotnet, App.dll]"));

        Assert.Equal(["dotnet", "App.dll"], df.Instructions[1].JsonArguments!);
        Assert.False(df.Instructions[2].IsJsonForm);
        Assert.False(df.Instructions[3].IsJsonForm);
    }

    [Fact]
    public void Splits_leading_flags_from_the_arguments()
    {
        var df = DockerfileParser.Parse(Lines("FROM scratch", "COPY --from=build --chown=1654:1654 --link /app/publish ./"));

        var copy = df.Instructions[1];
        Assert.Equal("build", copy.Flag("from"));
        Assert.Equal("1654:1654", copy.Flag("chown"));
        Assert.True(copy.HasFlag("link"));
        Assert.Equal("/app/publish ./", copy.Arguments);
    }

    [Fact]
    public void Substitutes_global_arg_defaults_in_from()
    {
        var df = DockerfileParser.Parse(Lines("ARG REPO=mcr.microsoft.com/dotnet", "ARG RUNTIME_IMAGE=${REPO}/aspnet:10.0@" + Digest, "FROM ${RUNTIME_IMAGE}"));

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0@" + Digest, df.Stages[0].Base);
        Assert.Equal("${RUNTIME_IMAGE}", df.Stages[0].BaseText);
    }

    [Fact]
    public void Build_arguments_override_arg_defaults_and_fill_args_without_default()
    {
        var args = new Dictionary<string, string> { ["TAG"] = "2.0", ["IMAGE"] = "app" };
        var df = DockerfileParser.Parse(Lines("ARG TAG=1.0", "ARG IMAGE", "ARG UNDECLARED_IS_IGNORED", "FROM $IMAGE:${TAG}"), args);

        Assert.Equal("app:2.0", df.Stages[0].Base);
    }

    [Fact]
    public void Uses_the_default_of_an_unset_variable_and_leaves_an_unresolvable_base_null()
    {
        var df = DockerfileParser.Parse(Lines("ARG TAG", "FROM img:${TAG:-1.2}", "FROM other:$MISSING"));

        Assert.Equal("img:1.2", df.Stages[0].Base);
        Assert.Null(df.Stages[1].Base);
    }

    [Fact]
    public void Reads_the_image_after_a_platform_flag_of_from()
    {
        var df = DockerfileParser.Parse(Lines("ARG SDK_IMAGE=sdk:1", "FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build"));

        Assert.Equal(("sdk:1", "build"), (df.Stages[0].Base, df.Stages[0].Name));
        Assert.Equal("$BUILDPLATFORM", df.Stages[0].From.Flag("platform"));
    }

    [Fact]
    public void Reports_a_malformed_from()
    {
        var df = DockerfileParser.Parse(Lines("FROM img:1 build"));

        Assert.Contains(df.Errors, e => e.Line == 1 && e.Message.Contains("AS <name>", StringComparison.Ordinal));
    }

    [Fact]
    public void Builds_stages_with_case_insensitive_names_and_parents()
    {
        var df = DockerfileParser.Parse(Lines("FROM img:1 AS Build", "RUN make", "FROM build AS test", "FROM scratch", "COPY --from=BUILD /a /a"));

        Assert.Equal(["build", "test", null], df.Stages.Select(s => s.Name));
        Assert.Same(df.Stages[0], df.Stages[1].ParentStage);
        Assert.Equal("img:1", df.Stages[1].RootImage);
        Assert.True(df.Stages[2].IsScratch);
        Assert.Single(df.Stages[0].Instructions);
        Assert.Same(df.Stages[2], df.FinalStage);
    }

    [Fact]
    public void Reads_slipway_ignore_ids_from_the_line_directly_above()
    {
        var df = DockerfileParser.Parse(Lines("FROM scratch", "# slipway-ignore dl3025, SW1050 DL3002", "CMD run", "# slipway-ignore DL3025", "", "CMD again"));

        Assert.Equal(["DL3002", "DL3025", "SW1050"], df.Instructions[1].IgnoredIds.Order(StringComparer.Ordinal));
        Assert.Empty(df.Instructions[2].IgnoredIds);
    }

    [Fact]
    public void Reports_a_missing_from_and_instructions_before_it()
    {
        Assert.Contains(DockerfileParser.Parse("RUN echo\n").Errors, e => e.Message.Contains("no FROM", StringComparison.Ordinal));
        Assert.Contains(DockerfileParser.Parse(Lines("ENV A=1", "FROM scratch")).Errors, e => e.Line == 1);
    }

    [Fact]
    public void Handles_crlf_line_endings()
    {
        var df = DockerfileParser.Parse("FROM scratch\r\nRUN a \\\r\n  b\r\nUSER 1\r\n");

        Assert.Equal("a   b", df.Instructions[1].Arguments);
        Assert.Equal(4, df.Instructions[2].Line);
    }
}
