using Slipway.Components.Dotnet;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Dotnet;

public class SolutionLocatorTests
{
    [Theory]
    [InlineData("Acme.Orders.sln")]
    [InlineData("Acme.Orders.slnx")]
    public void Finds_the_single_solution_at_the_root(string name)
    {
        using var temp = new TemporaryDirectory();
        (temp.Path / name).WriteAllText("");
        (temp.Path / "README.md").WriteAllText("");
        (temp.Path / "src" / "Other.sln").WriteAllText(""); // below the root: not a candidate

        Assert.Equal(temp.Path / name, SolutionLocator.FindSingle(temp.Path));
    }

    [Fact]
    public void Fails_without_a_solution_and_says_how_to_name_one()
    {
        using var temp = new TemporaryDirectory();

        var ex = Assert.Throws<BuildFailedException>(() => SolutionLocator.FindSingle(temp.Path));

        Assert.Contains("no solution (*.sln or *.slnx)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--solution", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_with_several_solutions_and_names_them()
    {
        using var temp = new TemporaryDirectory();
        (temp.Path / "Acme.sln").WriteAllText("");
        (temp.Path / "Acme.slnx").WriteAllText("");

        var ex = Assert.Throws<BuildFailedException>(() => SolutionLocator.FindSingle(temp.Path));

        Assert.Contains("2 solutions", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Acme.sln, Acme.slnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--solution", ex.Message, StringComparison.Ordinal);
    }
}
