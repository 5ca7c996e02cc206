namespace AcmeOrdersTestsNamespace;

public class ExampleTests
{
    [Fact]
    public void Replace_this_with_a_test_of_the_project_under_test() => Assert.Equal(4, 2 + 2);
}
