"""Pure figure functions: tables in, plotly figures out; they never mutate their inputs."""
