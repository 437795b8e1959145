const path = require('node:path');
const TerserPlugin = require('terser-webpack-plugin');
const { IgnorePlugin, ProvidePlugin } = require('webpack');

/** One transpiler for everything: swc, the same one jest uses. */
const swcRule = (target) => ({
  test: /\.ts$/,
  exclude: /node_modules/,
  use: {
    loader: 'swc-loader',
    options: {
      jsc: { parser: { syntax: 'typescript' }, target },
      module: { type: 'es6' },
    },
  },
});

const minify = {
  minimize: true,
  minimizer: [new TerserPlugin({ minify: TerserPlugin.swcMinify, extractComments: false })],
};

/** The browser app: lobby up front, the Babylon scene in a chunk loaded on entering. */
const client = (env, argv) => ({
  name: 'client',
  target: 'web',
  entry: { main: './client/main.ts' },
  output: {
    path: path.resolve(__dirname, 'dist/client'),
    filename: 'js/[name].js',
    chunkFilename: 'js/[name].[contenthash:8].js',
    publicPath: '/',
    clean: true,
  },
  resolve: {
    extensions: ['.ts', '.js'],
    // simple-peer and its streams expect Node's process, Buffer and events in the browser.
    fallback: { buffer: require.resolve('buffer/'), events: require.resolve('events/') },
  },
  plugins: [
    new ProvidePlugin({ process: 'process/browser', Buffer: ['buffer', 'Buffer'] }),
    // Babylon loads WebGPU shaders on demand, but Engawa only ever creates a WebGL engine (the
    // Quest browser's WebXR layers are WebGL), so they would be dead weight in the output.
    new IgnorePlugin({ resourceRegExp: /ShadersWGSL\//, contextRegExp: /@babylonjs[\\/]core/ }),
  ],
  module: { rules: [swcRule('es2022')] },
  devtool: argv.mode === 'production' ? false : 'source-map',
  optimization: argv.mode === 'production' ? minify : {},
  performance: { hints: false },
});

/** The signaling server, bundled for Node; packages stay in node_modules. */
const server = () => ({
  name: 'server',
  target: 'node20',
  entry: {
    main: './signaling-server/main.ts',
    facilitators: './signaling-server/facilitators/facilitators-cli.ts',
  },
  output: { path: path.resolve(__dirname, 'dist/server'), filename: '[name].js', clean: true },
  resolve: { extensions: ['.ts', '.js'] },
  module: { rules: [swcRule('es2022')] },
  externalsPresets: { node: true },
  externals: [
    ({ request }, callback) =>
      /^[^./]/.test(request) && !request.startsWith('node:')
        ? callback(null, `commonjs ${request}`)
        : callback(),
  ],
  node: { __dirname: false },
  optimization: { minimize: false },
  devtool: 'source-map',
});

module.exports = [client, server];
