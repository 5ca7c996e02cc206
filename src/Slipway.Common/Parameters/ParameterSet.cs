using System.Linq.Expressions;

namespace Slipway.Parameters;

internal sealed class ParameterSet
{
    public T? GetValue<T>(Expression<Func<T>> parameter) => throw new NotImplementedException();
}
