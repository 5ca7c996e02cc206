# The shape of dotnet/dotnet-docker's samples/MultiProjectApp/Dockerfile: project files copied by wildcard per folder,
# a restore with -a $TARGETARCH, a test stage built FROM the build stage that restores from its own folder, and a
# publish stage that changes WORKDIR and publishes with --no-restore.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source

COPY --link Directory.Build.props .
COPY --link NuGet.config .
COPY --link App/*.csproj App/
COPY --link LibFoo/*.csproj LibFoo/
COPY --link LibBar/*.csproj LibBar/
RUN dotnet restore -a $TARGETARCH App/App.csproj

COPY --link App/ App/
COPY --link LibFoo/ LibFoo/
COPY --link LibBar/ LibBar/

FROM build AS test-build
COPY --link Tests/*.csproj Tests/
WORKDIR /source/Tests
RUN dotnet restore
COPY --link Tests/ .
RUN dotnet build --no-restore

FROM test-build AS test
ENTRYPOINT ["dotnet", "test", "--no-build", "--logger:trx"]

FROM build AS publish
WORKDIR /source/App
RUN dotnet publish -a $TARGETARCH --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS final
WORKDIR /app
COPY --link --from=publish /app .
ENTRYPOINT ["dotnet", "App.dll"]
