# forward-backward.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot forward-backward.gp                  writes forward-backward.png and forward-backward.svg
#   gnuplot -c forward-backward.gp terminal      draws it in the terminal
#   gnuplot -c forward-backward.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'forward-backward.png'
svg_file = (ARGC > 2) ? ARG3 : 'forward-backward.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1200,900 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1200,900 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,40 noenhanced; set output }
  set multiplot layout 2,2 title 'Before training: 1000 random inputs forward, a fixed random gradient backward, 5 layers of 100 (dashed: ReLU)'
  # — panel 'forward: spread of each layer''s outputs' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'forward: spread of each layer''s outputs'; set xlabel 'layer'; set ylabel 'standard deviation of aₖ'
  set xrange [0.5:5.5]; set yrange [1e-06:1]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  set key default; set key bottom left opaque
  plot 'layers.dat' using 1:2 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-1', \
       'layers.dat' using 1:8 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-0.01', \
       'layers.dat' using 1:14 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-xavier', \
       'layers.dat' using 1:20 with linespoints lw 1.5 pi 1 ps 1 title 'tanh-xavier', \
       'layers.dat' using 1:26 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-std-0.01', \
       'layers.dat' using 1:32 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-xavier', \
       'layers.dat' using 1:38 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-he'
  # — panel 'backward: gradient reaching each layer''s outputs' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'backward: gradient reaching each layer''s outputs'; set xlabel 'layer'; set ylabel 'RMS of ∂L/∂aₖ'
  set xrange [0.5:5.5]; set yrange [1e-07:100]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  unset key
  plot 'layers.dat' using 1:6 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-1', \
       'layers.dat' using 1:12 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-0.01', \
       'layers.dat' using 1:18 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-xavier', \
       'layers.dat' using 1:24 with linespoints lw 1.5 pi 1 ps 1 title 'tanh-xavier', \
       'layers.dat' using 1:30 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-std-0.01', \
       'layers.dat' using 1:36 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-xavier', \
       'layers.dat' using 1:42 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-he'
  # — panel 'backward: gradient of each layer''s weights' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'backward: gradient of each layer''s weights'; set xlabel 'layer'; set ylabel 'RMS of ∂L/∂Wₖ'
  set xrange [0.5:5.5]; set yrange [1e-07:100]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  unset key
  plot 'layers.dat' using 1:7 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-1', \
       'layers.dat' using 1:13 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-0.01', \
       'layers.dat' using 1:19 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-xavier', \
       'layers.dat' using 1:25 with linespoints lw 1.5 pi 1 ps 1 title 'tanh-xavier', \
       'layers.dat' using 1:31 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-std-0.01', \
       'layers.dat' using 1:37 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-xavier', \
       'layers.dat' using 1:43 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-he'
  # — panel 'ReLU: zero outputs and dead units (same for every σ)' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'ReLU: zero outputs and dead units (same for every σ)'; set xlabel 'layer'; set ylabel 'share of outputs / of units'
  set xrange [0.5:5.5]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key top right opaque
  plot 'layers.dat' using 1:40 with linespoints lw 1.5 pi 1 ps 1 title 'outputs = 0', \
       'layers.dat' using 1:41 with linespoints lw 1.5 pi 1 ps 1 title 'units 0 for all inputs'
  unset multiplot
  set output
}
