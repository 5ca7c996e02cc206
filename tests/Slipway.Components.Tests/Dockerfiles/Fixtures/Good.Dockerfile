# A production Dockerfile for a .NET service that passes DockerLint with zero findings.
# No "# syntax=" line: the Dockerfile frontend built into the engine is used, so no frontend image is pulled.
# The template's generated Dockerfile is compared with this file.

# Base images pinned by tag and digest; the build may override them with --build-arg.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.100-noble@sha256:0c5a7c1b5d7e7e3c2ab0c0e1f5a8d77e3b6f6d3b9e5b6d1c2a3f4e5d6c7b8a90
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.0-noble-chiseled@sha256:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d

FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
WORKDIR /src

# Restore first, from the project files only, so this layer stays cached when only code changes.
COPY global.json NuGet.config Directory.Build.props Directory.Packages.props ./
COPY src/Acme.Orders/Acme.Orders.csproj src/Acme.Orders/
RUN dotnet restore src/Acme.Orders/Acme.Orders.csproj

COPY src/ src/
RUN dotnet publish src/Acme.Orders/Acme.Orders.csproj \
      --configuration Release \
      --no-restore \
      --output /app/publish \
      -p:UseAppHost=false

FROM ${RUNTIME_IMAGE} AS final
WORKDIR /app
COPY --from=build --chown=1654:1654 /app/publish ./
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER 1654
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["dotnet", "Acme.Orders.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "Acme.Orders.dll"]
