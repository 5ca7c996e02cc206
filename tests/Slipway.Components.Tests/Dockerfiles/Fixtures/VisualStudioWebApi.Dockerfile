# What Visual Studio 2022's "Add > Docker Support" writes for a .NET 10 webapi project, Linux containers: the file in the
# project folder, built with the solution folder as the context.

# The "fast mode" stage Visual Studio debugs in.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS base
USER $APP_UID
WORKDIR /app
EXPOSE 8080
EXPOSE 8081


# The stage that builds the project.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG BUILD_CONFIGURATION=Release
WORKDIR /src
COPY ["src/Contoso.Api/Contoso.Api.csproj", "src/Contoso.Api/"]
RUN dotnet restore "./src/Contoso.Api/Contoso.Api.csproj"
COPY . .
WORKDIR "/src/src/Contoso.Api"
RUN dotnet build "./Contoso.Api.csproj" -c $BUILD_CONFIGURATION -o /app/build

# The stage that publishes it for the final stage.
FROM build AS publish
ARG BUILD_CONFIGURATION=Release
RUN dotnet publish "./Contoso.Api.csproj" -c $BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false

# The image that runs in production, or from Visual Studio outside Debug.
FROM base AS final
WORKDIR /app
COPY --from=publish /app/publish .
ENTRYPOINT ["dotnet", "Contoso.Api.dll"]
