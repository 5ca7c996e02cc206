# The shape Visual Studio's "Add Docker Support" writes for an ASP.NET Core project (.NET 8): the Dockerfile sits in
# the project folder, the build context is the solution folder, and the restore layer copies one .csproj per project.
FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS base
USER $APP_UID
WORKDIR /app
EXPOSE 8080

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
ARG BUILD_CONFIGURATION=Release
WORKDIR /src
COPY ["src/Contoso.Api/Contoso.Api.csproj", "src/Contoso.Api/"]
COPY ["src/Contoso.Application/Contoso.Application.csproj", "src/Contoso.Application/"]
COPY ["src/Contoso.Domain/Contoso.Domain.csproj", "src/Contoso.Domain/"]
RUN dotnet restore "./src/Contoso.Api/Contoso.Api.csproj"
COPY . .
WORKDIR "/src/src/Contoso.Api"
RUN dotnet build "./Contoso.Api.csproj" -c $BUILD_CONFIGURATION -o /app/build

FROM build AS publish
ARG BUILD_CONFIGURATION=Release
RUN dotnet publish "./Contoso.Api.csproj" -c $BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false

FROM base AS final
WORKDIR /app
COPY --from=publish /app/publish .
ENTRYPOINT ["dotnet", "Contoso.Api.dll"]
