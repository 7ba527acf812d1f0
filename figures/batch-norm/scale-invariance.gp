# scale-invariance.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot scale-invariance.gp                  writes scale-invariance.png and scale-invariance.svg
#   gnuplot -c scale-invariance.gp terminal      draws it in the terminal
#   gnuplot -c scale-invariance.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'scale-invariance.png'
svg_file = (ARGC > 2) ? ARG3 : 'scale-invariance.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1200,500 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1200,500 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,30 noenhanced; set output }
  set multiplot layout 1,2 title 'Why batch normalization frees the weight scale: the loss ignores c, the gradient scales as 1/c'
  # — panel 'Loss on one batch, W1 multiplied by c' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Loss on one batch, W1 multiplied by c'; set xlabel 'c (factor on W1)'; set ylabel 'loss'
  set xrange [0.07:14]; set yrange [0:8]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'; set xtics add (0.2, 0.5, 2, 5)
  set key default; set key top left opaque
  plot 'scale-invariance.dat' using 1:3 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#1f77b4' title 'Batch Normalization', \
       'scale-invariance.dat' using 1:2 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#ff7f0e' title 'Normal (without BatchNorm)'
  # — panel '|∂L/∂W1| on the same batch' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '|∂L/∂W1| on the same batch'; set xlabel 'c (factor on W1)'; set ylabel '|∂L/∂W1|'
  set xrange [0.07:14]; set yrange [*:*]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'; set xtics add (0.2, 0.5, 2, 5)
  set logscale y; set format y '%g'
  set key default; set key bottom left opaque
  plot 'scale-invariance.dat' using 1:5 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#1f77b4' title 'Batch Normalization', \
       'scale-invariance.dat' using 1:4 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#ff7f0e' title 'Normal (without BatchNorm)', \
       'scale-invariance.dat' using 1:6 with lines lw 1.5 dt 2 lc rgb 'gray' title '1/c'
  unset multiplot
  set output
}
