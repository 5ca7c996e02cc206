namespace Slipway.Common.Tests.PublicApi;

/// <summary>The snapshot comparison itself: an unrecorded change fails naming its lines; an accepted one is written.</summary>
public sealed class ApiSnapshotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("slipway-api-").FullName;

    private string Approved => Path.Combine(_folder, "Sample.api.txt");

    private string Received => Path.Combine(_folder, "Sample.received.txt");

    private const string Before = """
        namespace Sample
        {
            public interface IGreet
            {
                string Greeting { get; }
                void Greet();
            }
        }
        """;

    private const string After = """
        namespace Sample
        {
            public interface IGreet
            {
                string Greeting { get; }
                void Greet(string name);
                void Wave();
            }
        }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_unrecorded_change_fails_naming_the_removed_and_added_lines_and_writes_the_received_file()
    {
        File.WriteAllText(Approved, Before);

        var failure = Assert.ThrowsAny<Exception>(() => ApiSnapshot.Verify(After, Approved, accept: false));

        Assert.Contains("-         void Greet();", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+         void Greet(string name);", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+         void Wave();", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Greeting", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SLIPWAY_ACCEPT_API=1", failure.Message, StringComparison.Ordinal);
        Assert.Equal(After + "\n", File.ReadAllText(Received));
        Assert.Equal(Before, File.ReadAllText(Approved));
    }

    [Fact]
    public void A_missing_approved_file_fails_and_shows_the_whole_API_as_added()
    {
        var failure = Assert.ThrowsAny<Exception>(() => ApiSnapshot.Verify(Before, Approved, accept: false));

        Assert.Contains("Sample.api.txt does not exist yet", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+ namespace Sample", failure.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Received));
    }

    [Fact]
    public void An_accepted_change_overwrites_the_approved_file_and_passes()
    {
        File.WriteAllText(Approved, Before);
        File.WriteAllText(Received, "left from an earlier run");

        ApiSnapshot.Verify(After, Approved, accept: true);

        Assert.Equal(After + "\n", File.ReadAllText(Approved));
        Assert.False(File.Exists(Received));
        ApiSnapshot.Verify(After, Approved, accept: false);
    }

    [Fact]
    public void Line_ends_do_not_count_as_a_change()
    {
        File.WriteAllText(Approved, Before.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n");

        ApiSnapshot.Verify(Before, Approved, accept: false);

        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void The_diff_gives_each_changed_block_its_line_numbers()
    {
        var diff = LineDiff.Format("a\nb\nc\nd\ne\n", "a\nB\nc\nd\ne\nf\n");

        Assert.Equal("@@ -2,1 +2,1 @@\n- b\n+ B\n@@ -6,0 +6,1 @@\n+ f\n", diff);
        Assert.Equal("", LineDiff.Format("same\n", "same\n"));
    }
}
