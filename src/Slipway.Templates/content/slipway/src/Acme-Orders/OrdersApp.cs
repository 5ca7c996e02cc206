using System.Reflection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Events;

namespace AcmeOrdersNamespace;

/// <summary>Builds the web application: logging, health checks and endpoints.</summary>
internal static class OrdersApp
{
    /// <summary>Health checks with this tag decide readiness (<c>/healthz/ready</c>); tag your dependency checks with it.</summary>
    public const string ReadyTag = "ready";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console());

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("The service is running."), tags: [ReadyTag]);

        var app = builder.Build();

        app.UseSerilogRequestLogging(options => options.GetLevel = RequestLogLevel);

        // Liveness: the process serves HTTP. No checks run, so a slow dependency never gets the container restarted.
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        // Readiness: every check tagged "ready" passes, so the service may receive traffic.
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });

        app.MapGet("/", () => Results.Ok(new ServiceInfo("Acme-Orders", Version)));

        return app;
    }

    /// <summary>The informational version the build stamped (from GitVersion), without the source revision.</summary>
    public static string Version { get; } =
        typeof(OrdersApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    /// <summary>Health probes every few seconds would drown the log: they are logged at Verbose unless they fail.</summary>
    internal static LogEventLevel RequestLogLevel(HttpContext context, double elapsedMilliseconds, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) ? LogEventLevel.Verbose
        : LogEventLevel.Information;
}

/// <summary>What <c>GET /</c> answers.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Version">The service version.</param>
internal sealed record ServiceInfo(string Service, string Version);
